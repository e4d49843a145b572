#pragma once

#include "GuiSettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace ks::app {

// The administrator's settings page. Feedback and idle-lock changes apply at once; station, journal and
// language changes apply at the next start (the station is assembled once).
class SettingsWidget : public QWidget
{
    Q_OBJECT

public:
    SettingsWidget(const GuiSettings &current, QSettings *store, QWidget *parent = nullptr);

    GuiSettings settings() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved(const ks::app::GuiSettings &settings);

private:
    QLineEdit *pathEdit(const QString &objectName, const QString &value);
    QWidget *withBrowse(QLineEdit *edit, const QString &filter);

    GuiSettings m_base;
    QSettings *m_store;
    QLineEdit *m_profile;
    QLineEdit *m_module;
    QComboBox *m_backend;
    QLineEdit *m_sqlite;
    QLineEdit *m_pgConf;
    QLineEdit *m_badgeCa;
    QCheckBox *m_sounds;
    QCheckBox *m_speech;
    QCheckBox *m_failureDialog;
    QCheckBox *m_summaryDialog;
    QSpinBox *m_idle;
    QComboBox *m_language;
    QLabel *m_status;
};

} // namespace ks::app
