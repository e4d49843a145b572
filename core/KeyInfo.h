#pragma once

#include <QMetaType>
#include <QString>

namespace ks::device {
struct TokenInfo;
}

namespace ks::core {

// A key on the hub as the station reports it to the front ends (Station::keyAdded, keys()): what its slot and
// token tell. Core's own value type, made from the device layer's at the station (fromToken), so a front end
// holds no device object and names no device:: type.
struct KeyInfo
{
    QString serial; // normalised hardware serial
    QString label;
    QString manufacturer;
    QString model;
    // Where the key sits, stable while other keys come and go: the PC/SC reader's name under OpenSC, the
    // simulated hub's port, else the slot's description (device::TokenInfo::port()).
    QString port;
    unsigned long slot = 0; // the module's slot id now (for the operator's details; it may change)
    bool initialized = false;
    bool pinCountLow = false;
    bool pinFinalTry = false;
    bool pinLocked = false;

    static KeyInfo fromToken(const device::TokenInfo &token);
};

} // namespace ks::core

Q_DECLARE_METATYPE(ks::core::KeyInfo)
