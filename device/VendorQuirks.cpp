#include "device/VendorQuirks.h"

#include "device/TokenInfo.h"

namespace ks::device {

namespace {

struct QuirkEntry
{
    const char *manufacturer; // substring of CK_TOKEN_INFO.manufacturerID, case-insensitive
    const char *model; // substring of CK_TOKEN_INFO.model, empty = any
    Quirks quirks;
};

QuirkEntry makeEntry(const char *manufacturer, const char *model, bool hide, bool assignsId, bool noSha256,
                     int max, const char *note)
{
    Quirks quirks;
    quirks.hideWhenUninitialised = hide;
    quirks.cardAssignsKeyId = assignsId;
    quirks.noSha256RsaMechanism = noSha256;
    quirks.maxParallelSessions = max;
    quirks.note = QString::fromLatin1(note);
    return { manufacturer, model, quirks };
}

const QuirkEntry *table(int *count)
{
    static const QuirkEntry entries[] = {
        // SoftHSM2 always lists one extra, uninitialised slot so a new token can be created; it is no key.
        makeEntry("SoftHSM", "", true, false, false, 0, "SoftHSM spare slot hidden"),
        // Feitian ePass2003 through OpenSC: the PKCS#15 emulation derives CKA_ID from the public key (SHA-1),
        // ignoring the id we ask for; some tools also show its serial truncated, so we always read it from
        // C_GetTokenInfo. OpenSC lists 8 virtual slots per reader unless max_virtual_slots is raised.
        makeEntry("EnterSafe", "", false, true, false, 0, "ePass2003: card assigns CKA_ID"),
        makeEntry("Feitian", "", false, true, false, 0, "Feitian: card assigns CKA_ID"),
        // SmartCard-HSM (OpenSC): key ids are assigned by the card's PKCS#15 layout.
        makeEntry("www.CardContact.de", "", false, true, false, 0, "SmartCard-HSM: card assigns CKA_ID"),
        // YubiKey PIV through OpenSC: ids are the PIV slot numbers (01..04), fixed by the card.
        makeEntry("piv_II", "", false, true, false, 0, "PIV: CKA_ID is the PIV slot"),
        makeEntry("Yubico", "", false, true, false, 0, "YubiKey: CKA_ID fixed by the card"),
    };
    *count = static_cast<int>(sizeof(entries) / sizeof(entries[0]));
    return entries;
}

} // namespace

Quirks Quirks::forToken(const TokenInfo &token)
{
    int count = 0;
    const QuirkEntry *entries = table(&count);
    for (int i = 0; i < count; ++i) {
        const auto &entry = entries[i];
        if (!token.manufacturer.contains(QLatin1String(entry.manufacturer), Qt::CaseInsensitive))
            continue;
        if (*entry.model && !token.model.contains(QLatin1String(entry.model), Qt::CaseInsensitive))
            continue;
        return entry.quirks;
    }
    return {};
}

} // namespace ks::device
