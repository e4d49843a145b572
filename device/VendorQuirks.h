#pragma once

#include <QString>

namespace ks::device {

struct TokenInfo;

// Token behaviour that differs from the PKCS#11 text, in one table (device/VendorQuirks.cpp), each entry with
// a comment saying which token and why.
struct Quirks
{
    bool hideWhenUninitialised = false; // an artefact slot, not a key
    bool cardAssignsKeyId = false; // CKA_ID given at generation is replaced by the card
    bool noSha256RsaMechanism = false; // only raw CKM_RSA_PKCS: we add the DigestInfo ourselves
    int maxParallelSessions = 0; // 0 = no known limit
    QString note;

    static Quirks forToken(const TokenInfo &token);
};

} // namespace ks::device
