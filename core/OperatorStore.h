#pragma once

#include "BadgeVerifier.h"
#include "Clock.h"
#include "CoreError.h"
#include "Role.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <chrono>

namespace ks::core {

class Journal;

// A logged-in operator. Engine and CLI calls that need a role take one and check it with authorize().
struct OperatorSession
{
    QString name;
    Role role = Role::Operator;
    QString method; // "password", "badge" or "first-run"
    qint64 loggedInMs = 0;
};

struct OperatorAccount
{
    QString name;
    Role role = Role::Operator;
    bool disabled = false;
    int failures = 0; // consecutive failed logins
    qint64 lockedUntilMs = 0; // 0: not locked
    QString badgeSha256; // fingerprint of the operator's badge certificate, or empty
    int secretIterations = 0; // PBKDF2 iteration count of the stored secret (never the secret)
};

// Operator accounts in the journal database (table ks_operators; docs/journal.md, "Operators").
//
// Secrets are PBKDF2-HMAC-SHA256 (PasswordHasher); every password parameter is a QByteArray the store wipes
// (OPENSSL_cleanse) before returning, so callers hand over their only copy. Every login success or failure
// and every account change is journaled, without the secret. Locked after maxFailures consecutive failures
// for lockout; the clock is injected for tests. Thread-safe (all database work runs on the journal's
// connection).
class OperatorStore
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::OperatorStore)

public:
    struct Options
    {
        int maxFailures = 5;
        std::chrono::seconds lockout { 15 * 60 };
        int iterations = 200000;
        int minPasswordLength = 8;
    };

    explicit OperatorStore(Journal &journal, Clock clock = systemClock());
    OperatorStore(Journal &journal, Clock clock, Options options);

    // True while no enabled administrator exists: the station must create one before anything else.
    Result<bool> needsFirstAdministrator();
    // Only while needsFirstAdministrator(); returns the new administrator's session.
    Result<OperatorSession> createFirstAdministrator(const QString &name, QByteArray &password);

    Result<OperatorSession> login(const QString &name, QByteArray &password);
    // Maps a verified badge to its account: by stored certificate fingerprint, else by subject CN == name.
    Result<OperatorSession> loginWithBadge(const BadgeIdentity &badge);

    // Administrator only.
    Status addOperator(const OperatorSession &actor, const QString &name, Role role, QByteArray &password);
    Status setDisabled(const OperatorSession &actor, const QString &name, bool disabled);
    Status setRole(const OperatorSession &actor, const QString &name, Role role);
    Status setBadgeFingerprint(const OperatorSession &actor, const QString &name, const QString &sha256Hex);
    // An operator may change their own password; an administrator anyone's (which also clears a lock-out).
    Status changePassword(const OperatorSession &actor, const QString &name, QByteArray &newPassword);

    // Supervisor and up.
    Result<QList<OperatorAccount>> accounts(const OperatorSession &actor);

    // PermissionDenied unless the session's role allows it.
    static Status authorize(const OperatorSession &session, Permission permission);

private:
    struct Row;
    Result<std::optional<Row>> fetch(const QString &name);
    Status validateName(const QString &name) const;
    Status validatePassword(const QByteArray &password) const;
    Status insert(const QString &name, Role role, const QString &secret);
    Status update(const QString &sql, const QVariantList &binds);
    void journal(const QString &operatorName, const QString &action, const QString &outcome,
                 const QJsonObject &detail);
    qint64 nowMs() const;

    Journal &m_journal;
    Clock m_clock;
    Options m_options;
};

} // namespace ks::core
