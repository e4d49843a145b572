#include "device/TokenInfo.h"

#include <QStringList>

namespace ks::device {

QString TokenInfo::key() const
{
    if (!serial.isEmpty())
        return modulePath + QLatin1Char('|') + serial;
    return modulePath + QStringLiteral("|slot:") + QString::number(slotId);
}

QString TokenInfo::port() const
{
    const QString described = slotDescription.trimmed();
    return described.isEmpty() ? QStringLiteral("slot %1").arg(slotId) : described;
}

QString TokenInfo::flagsText() const
{
    QStringList flags;
    if (!initialized)
        flags << QStringLiteral("uninitialized");
    if (pinLocked)
        flags << QStringLiteral("pin-locked");
    else if (pinFinalTry)
        flags << QStringLiteral("pin-final-try");
    else if (pinCountLow)
        flags << QStringLiteral("pin-count-low");
    if (pinToBeChanged)
        flags << QStringLiteral("pin-to-be-changed");
    return flags.join(QLatin1Char(','));
}

bool TokenInfo::sameState(const TokenInfo &o) const
{
    return slotId == o.slotId && label == o.label && initialized == o.initialized
        && pinCountLow == o.pinCountLow && pinFinalTry == o.pinFinalTry && pinLocked == o.pinLocked
        && pinToBeChanged == o.pinToBeChanged && model == o.model && manufacturer == o.manufacturer;
}

} // namespace ks::device
