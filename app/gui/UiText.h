#pragma once

#include "core/Lot.h"
#include "core/Role.h"

#include <QCoreApplication>

namespace ks::app {

// Words the GUI shows for core enums (core keeps stable English names for logs and files).
class UiText
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::UiText)

public:
    static QString roleTitle(core::Role role);

    // "done 2 / 3, failed 0, refused 1, remaining 1, first-pass yield 100 %, 12.0 keys/h" (docs/gui.md).
    static QString lotCountsLine(const core::LotCounts &counts);
    // "WO-1 · ACME / ePass2003": the lot's id, then customer and model when the manifest has them.
    static QString lotTitle(const core::LotManifest &lot);
    static QString percent(double fraction);
};

} // namespace ks::app
