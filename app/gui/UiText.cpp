#include "UiText.h"

#include <QLocale>

namespace ks::app {

QString UiText::roleTitle(core::Role role)
{
    // core's one translated title, also used by the batch log and its PDF report (ks_gui_log).
    return core::roleTitle(role);
}

QString UiText::percent(double fraction)
{
    return tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 0));
}

QString UiText::lotCountsLine(const core::LotCounts &c)
{
    QString line = tr("done %1 / %2, failed %3, refused %4, remaining %5, first-pass yield %6, %7 keys/h")
                       .arg(c.done)
                       .arg(c.quantity)
                       .arg(c.failed)
                       .arg(c.refused)
                       .arg(c.remaining)
                       .arg(percent(c.firstPassYield), QLocale().toString(c.keysPerHour, 'f', 1));
    if (c.interrupted > 0)
        line += QStringLiteral(", ") + tr("%n interrupted", nullptr, c.interrupted);
    return line;
}

QString UiText::lotTitle(const core::LotManifest &lot)
{
    QStringList what;
    if (!lot.customer.isEmpty())
        what << lot.customer;
    if (!lot.model.isEmpty())
        what << lot.model;
    return what.isEmpty() ? lot.id : tr("%1 · %2").arg(lot.id, what.join(QStringLiteral(" / ")));
}

} // namespace ks::app
