#include "KeyInfo.h"

#include "device/TokenInfo.h"

namespace ks::core {

KeyInfo KeyInfo::fromToken(const device::TokenInfo &token)
{
    KeyInfo key;
    key.serial = token.serial;
    key.label = token.label;
    key.manufacturer = token.manufacturer;
    key.model = token.model;
    key.port = token.port();
    key.slot = token.slotId;
    key.initialized = token.initialized;
    key.pinCountLow = token.pinCountLow;
    key.pinFinalTry = token.pinFinalTry;
    key.pinLocked = token.pinLocked;
    return key;
}

} // namespace ks::core
