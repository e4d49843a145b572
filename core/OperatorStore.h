#pragma once

#include "BadgeVerifier.h"
#include "Clock.h"
#include "CoreError.h"
#include "OperatorSession.h"
#include "Role.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <chrono>
#include <functional>

namespace ks::core {

class Journal;

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
// and every account change is journaled, without the secret; every change of an account row happens in the
// transaction that journals it, with the row's hash (Journal::recordAccountChange), so Journal::verify()
// finds a row edited outside KeyStation. Locked after maxFailures consecutive failures for lockout (counted
// in that transaction: concurrent failures are never lost); a locked or disabled account answers like a
// wrong password. The last enabled administrator cannot be demoted or disabled. The clock is injected for
// tests. Thread-safe (all database work runs on the journal's connection). Only this class mints
// OperatorSession values.
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

    // True while the account table is empty: the station must create an administrator before anything else.
    Result<bool> needsFirstAdministrator();
    // Only on an empty account table (checked in the transaction that inserts, so two stations cannot both
    // create one); never changes an existing account. Returns the new administrator's session.
    Result<OperatorSession> createFirstAdministrator(const QString &name, QByteArray &password);

    // BadCredentials for an unknown name, a wrong password, a locked or a disabled account alike (the journal
    // records which).
    Result<OperatorSession> login(const QString &name, QByteArray &password);
    // Maps a verified badge to the account that enrolled exactly this certificate (setBadgeFingerprint);
    // nothing else (no match on the certificate's names). BadgeNoAccount otherwise, also for a locked or
    // disabled account.
    Result<OperatorSession> loginWithBadge(const BadgeIdentity &badge);

    // Administrator only. setDisabled and setRole refuse (LastAdministrator) to leave no enabled
    // administrator.
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
    // The same, and the session must have been opened on `journal` (not on another station's accounts).
    static Status authorize(const OperatorSession &session, Permission permission, const Journal &journal);

private:
    struct Row;
    Result<std::optional<Row>> fetch(const QString &name);
    Status validateName(const QString &name) const;
    Status validatePassword(const QByteArray &password) const;
    // Runs `change` and journals it with the account's row hash, in one transaction.
    Status insert(const QString &actorName, const QString &name, Role role, const QString &secret,
                  const QString &action, bool onlyIntoEmptyTable);
    Status changeAccount(const QString &actorName, const QString &account, const QString &action,
                         const QJsonObject &detail,
                         const std::function<Status(QSqlDatabase &, QJsonObject &, QString &)> &change);
    void journal(const QString &operatorName, const QString &action, const QString &outcome,
                 const QJsonObject &detail);
    qint64 nowMs() const;

    Journal &m_journal;
    Clock m_clock;
    Options m_options;
};

} // namespace ks::core
