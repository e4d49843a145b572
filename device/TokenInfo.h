#pragma once

#include <QMetaType>
#include <QString>

namespace ks::device {

// What a slot and its key tell about themselves. Keys are identified by hardware serial, not slot id:
// slot ids move when readers come and go (OpenSC) or modules reload.
struct TokenInfo
{
    QString modulePath;
    unsigned long slotId = 0;
    QString slotDescription;
    QString label;
    QString manufacturer;
    QString model;
    QString serial; // normalised hardware serial (see SerialNumber::normalise)
    QString rawSerial; // as the token reports it, padding removed only
    bool initialized = false;
    bool loginRequired = false;
    bool pinCountLow = false;
    bool pinFinalTry = false;
    bool pinLocked = false;
    bool pinToBeChanged = false;

    // Where the key sits, stable while other keys come and go: the PC/SC reader's name for OpenSC (one reader
    // per hub port, e.g. "Virtual PCD 00 01"), the port for the simulated hub, the slot description
    // otherwise. Slot ids are not: OpenSC renumbers them as readers appear (docs/hardware.md).
    QString port() const;
    // Key for maps: module and serial; slot id only when the key reports no serial.
    QString key() const;
    QString flagsText() const;
    bool sameState(const TokenInfo &other) const;
};

} // namespace ks::device

Q_DECLARE_METATYPE(ks::device::TokenInfo)
