#pragma once

#include <QString>

#include <optional>

namespace ks::core {

// Roles are ordered: each includes the permissions of the ones below it (docs/journal.md, "Operators").
enum class Role
{
    Operator = 0,
    Supervisor = 1,
    Administrator = 2
};

enum class Permission
{
    Provision, // run batches (operator and up)
    ReadLog, // view the batch log (supervisor and up)
    VerifyLog, // check the hash chain (supervisor and up)
    ExportLog, // CSV/PDF export (supervisor and up)
    ChangeSettings, // profiles, CA endpoint, trust anchors (administrator)
    ManageAccounts, // add, disable, reset operators (administrator)
};

QString roleName(Role role);
// The translated word people read (GUI, batch log and its PDF); roleName() is the stable id for files and the
// CLI.
QString roleTitle(Role role);
std::optional<Role> roleFromName(const QString &name);
QString permissionName(Permission permission);
bool roleAllows(Role role, Permission permission);

} // namespace ks::core
