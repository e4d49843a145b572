#include "UiText.h"

namespace ks::app {

QString UiText::roleTitle(core::Role role)
{
    switch (role) {
    case core::Role::Operator:
        return tr("Operator");
    case core::Role::Supervisor:
        return tr("Supervisor");
    case core::Role::Administrator:
        return tr("Administrator");
    }
    return {};
}

} // namespace ks::app
