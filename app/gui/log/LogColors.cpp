#include "LogColors.h"

namespace ks::app {

QColor LogColors::stateForeground(const QString &state)
{
    if (state == QLatin1String("done"))
        return QColor(0x1b, 0x6e, 0x2a);
    if (state == QLatin1String("failed"))
        return QColor(0xb0, 0x1c, 0x1c);
    if (state == QLatin1String("cancelled") || state == QLatin1String("interrupted"))
        return QColor(0x8a, 0x5a, 0x00);
    if (state == QLatin1String("alreadyProvisioned")) // nothing done: not the green of a new key
        return QColor(0x0b, 0x5f, 0x6b);
    return QColor(0x1f, 0x4e, 0x9a);
}

QColor LogColors::stateBackground(const QString &state)
{
    if (state == QLatin1String("done"))
        return QColor(0xdf, 0xf3, 0xe2);
    if (state == QLatin1String("failed"))
        return QColor(0xfb, 0xe0, 0xe0);
    if (state == QLatin1String("cancelled") || state == QLatin1String("interrupted"))
        return QColor(0xfd, 0xf0, 0xd5);
    if (state == QLatin1String("alreadyProvisioned"))
        return QColor(0xdc, 0xf1, 0xf3);
    return QColor(0xe1, 0xeb, 0xfa);
}

QColor LogColors::failureText()
{
    return QColor(0x8c, 0x1d, 0x1d);
}

QColor LogColors::intact()
{
    return QColor(0x1b, 0x6e, 0x2a);
}

QColor LogColors::broken()
{
    return QColor(0xb0, 0x1c, 0x1c);
}

} // namespace ks::app
