#pragma once

#include <QString>

namespace ks::device {

struct TokenInfo;

// Token behaviour that differs from the PKCS#11 text and that the code must act on, in one table
// (device/VendorQuirks.cpp). Each row names the run on this stack that showed it. Behaviour the code handles
// for every token alike (a CKA_ID the card chooses is read back; a missing CKM_SHA256_RSA_PKCS is detected
// from the mechanism list; PIN counters a module does not report are remembered by the journal) needs no row;
// what is known of real tokens without a run here is in docs/hardware.md.
struct Quirks
{
    bool hideWhenUninitialised = false; // an artefact slot, not a key
    QString note;

    static Quirks forToken(const TokenInfo &token);
};

} // namespace ks::device
