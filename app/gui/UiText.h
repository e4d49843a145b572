#pragma once

#include "core/Role.h"

#include <QCoreApplication>

namespace ks::app {

// Words the GUI shows for core enums (core keeps stable English names for logs and files).
class UiText
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::UiText)

public:
    static QString roleTitle(core::Role role);
};

} // namespace ks::app
