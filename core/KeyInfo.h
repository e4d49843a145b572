#pragma once

#include "device/TokenInfo.h"

namespace ks::core {

// A key on the hub as the station reports it to the front ends (Station::keyAdded and keys()): what its slot
// and token tell (serial, label, PIN flags, port). The device layer's value type under core's name, so a
// front end names no device:: type.
using KeyInfo = device::TokenInfo;

} // namespace ks::core
