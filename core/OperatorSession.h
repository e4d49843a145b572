#pragma once

#include "Role.h"

#include <QString>

namespace ks::core {

class Journal;
class OperatorStore;

// A logged-in operator. Engine, journal and CLI calls that need a role take one and check it.
//
// Only OperatorStore mints sessions (password login, badge login through it, first-administrator set-up); any
// other code can only default-construct the empty session, which allows nothing, or copy one the store
// returned. There are no setters: a session's name and role cannot be changed after the login. A session
// names the journal whose account table let it in; the journal's reads refuse sessions of another.
class OperatorSession
{
public:
    OperatorSession() = default; // nobody logged in: allows nothing

    const QString &name() const { return m_name; }
    Role role() const { return m_role; }
    const QString &method() const { return m_method; } // "password", "badge" or "first-run"
    qint64 loggedInMs() const { return m_loggedInMs; }
    // The journal whose account table the login was checked against (null for the empty session).
    const Journal *journal() const { return m_journal; }

    // True for a session the store minted whose role allows `permission`.
    bool allows(Permission permission) const { return !m_name.isEmpty() && roleAllows(m_role, permission); }

private:
    friend class OperatorStore;
    OperatorSession(QString name, Role role, QString method, qint64 loggedInMs, const Journal *journal)
        : m_name(std::move(name))
        , m_role(role)
        , m_method(std::move(method))
        , m_loggedInMs(loggedInMs)
        , m_journal(journal)
    { }

    QString m_name;
    Role m_role = Role::Operator;
    QString m_method;
    qint64 m_loggedInMs = 0;
    const Journal *m_journal = nullptr;
};

} // namespace ks::core
