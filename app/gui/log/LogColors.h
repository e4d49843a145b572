#pragma once

#include <QColor>
#include <QString>

namespace ks::app {

// The batch log's palette: the same greens and reds as the bench tiles mean the same thing everywhere.
struct LogColors
{
    static QColor stateForeground(const QString &state);
    static QColor stateBackground(const QString &state);
    static QColor failureText();
    static QColor intact();
    static QColor broken();
};

} // namespace ks::app
