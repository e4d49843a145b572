#include "Role.h"

#include <QCoreApplication>

namespace ks::core {

QString roleName(Role role)
{
    switch (role) {
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Administrator:
        return QStringLiteral("administrator");
    }
    return {};
}

QString roleTitle(Role role)
{
    switch (role) {
    case Role::Operator:
        return QCoreApplication::translate("ks::core::Role", "Operator");
    case Role::Supervisor:
        return QCoreApplication::translate("ks::core::Role", "Supervisor");
    case Role::Administrator:
        return QCoreApplication::translate("ks::core::Role", "Administrator");
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role r : { Role::Operator, Role::Supervisor, Role::Administrator })
        if (roleName(r) == name)
            return r;
    return std::nullopt;
}

QString permissionName(Permission permission)
{
    switch (permission) {
    case Permission::Provision:
        return QStringLiteral("provision");
    case Permission::ReadLog:
        return QStringLiteral("read-log");
    case Permission::VerifyLog:
        return QStringLiteral("verify-log");
    case Permission::ExportLog:
        return QStringLiteral("export-log");
    case Permission::ChangeSettings:
        return QStringLiteral("change-settings");
    case Permission::ManageAccounts:
        return QStringLiteral("manage-accounts");
    }
    return {};
}

bool roleAllows(Role role, Permission permission)
{
    switch (permission) {
    case Permission::Provision:
        return true;
    case Permission::ReadLog:
    case Permission::VerifyLog:
    case Permission::ExportLog:
        return role >= Role::Supervisor;
    case Permission::ChangeSettings:
    case Permission::ManageAccounts:
        return role >= Role::Administrator;
    }
    return false;
}

} // namespace ks::core
