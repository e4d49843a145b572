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

QuirkEntry makeEntry(const char *manufacturer, const char *model, bool hide, const char *note)
{
    Quirks quirks;
    quirks.hideWhenUninitialised = hide;
    quirks.note = QString::fromLatin1(note);
    return { manufacturer, model, quirks };
}

const QuirkEntry *table(int *count)
{
    static const QuirkEntry entries[] = {
        // SoftHSM2 2.6.1 always lists one extra, uninitialised slot so that a new token can be created; it
        // is no key. Seen on every run here: tests/device/TokenSessionTest.cpp (16 tokens, 17 slots).
        makeEntry("SoftHSM", "", true, "SoftHSM spare slot hidden"),
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
