#include "OperatorStore.h"

#include "Journal.h"
#include "Log.h"
#include "PasswordHasher.h"
#include "SecureBytes.h"
#include "SqlWorker.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ks::core {

namespace {

using Code = CoreError::Code;

const QString kColumns = QStringLiteral(
    "name, role, secret, disabled, failures, locked_until_ms, badge_sha256, created_ms, updated_ms");

bool exec(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString &err)
{
    if (!q.prepare(sql)) {
        err = q.lastError().text();
        return false;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        err = q.lastError().text();
        return false;
    }
    return true;
}

CoreError dbError(const QString &detail)
{
    return CoreError::make(Code::DatabaseQuery, OperatorStore::tr("The operator database failed."), {},
                           detail);
}

CoreError denied(Permission p)
{
    return CoreError::make(Code::PermissionDenied,
                           OperatorStore::tr("Your role does not allow this (%1).").arg(permissionName(p)));
}

} // namespace

struct OperatorStore::Row
{
    QString name;
    Role role = Role::Operator;
    QString secret;
    bool disabled = false;
    int failures = 0;
    qint64 lockedUntilMs = 0;
    QString badgeSha256;
};

OperatorStore::OperatorStore(Journal &journal, Clock clock)
    : OperatorStore(journal, std::move(clock), Options())
{ }

OperatorStore::OperatorStore(Journal &journal, Clock clock, Options options)
    : m_journal(journal)
    , m_clock(std::move(clock))
    , m_options(options)
{
    m_options.iterations = qMax(m_options.iterations, PasswordHasher::minIterations);
    m_options.maxFailures = qMax(1, m_options.maxFailures);
}

qint64 OperatorStore::nowMs() const
{
    return m_clock().toMSecsSinceEpoch();
}

Status OperatorStore::authorize(const OperatorSession &session, Permission permission)
{
    if (!session.allows(permission))
        return denied(permission);
    return {};
}

Status OperatorStore::authorize(const OperatorSession &session, Permission permission, const Journal &journal)
{
    // A session opened on another journal's accounts is not a login here, whatever its role.
    if (session.journal() != &journal)
        return CoreError::make(Code::PermissionDenied,
                               tr("This session was not opened on this station's journal."));
    return authorize(session, permission);
}

Result<std::optional<OperatorStore::Row>> OperatorStore::fetch(const QString &name)
{
    return m_journal.read([&](QSqlDatabase &db) -> Result<std::optional<Row>> {
        QSqlQuery q(db);
        QString err;
        if (!exec(q, QStringLiteral("SELECT %1 FROM ks_operators WHERE name = ?").arg(kColumns), { name },
                  err))
            return dbError(err);
        if (!q.next())
            return std::optional<Row>();
        Row r;
        r.name = q.value(0).toString();
        r.role = roleFromName(q.value(1).toString()).value_or(Role::Operator);
        r.secret = q.value(2).toString();
        r.disabled = q.value(3).toInt() != 0;
        r.failures = q.value(4).toInt();
        r.lockedUntilMs = q.value(5).toLongLong();
        r.badgeSha256 = q.value(6).toString();
        return std::optional<Row>(r);
    });
}

Status
OperatorStore::changeAccount(const QString &actorName, const QString &account, const QString &action,
                             const QJsonObject &detail,
                             const std::function<Status(QSqlDatabase &, QJsonObject &, QString &)> &change)
{
    auto r = m_journal.recordAccountChange(actorName, account, action, QStringLiteral("success"), detail,
                                           change);
    if (!r)
        return r.error();
    return {};
}

namespace {

// One UPDATE of one account inside a change; NotFound when there is no such account.
Status updateRow(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(db);
    QString err;
    if (!exec(q, sql, binds, err))
        return dbError(err);
    if (q.numRowsAffected() == 0)
        return CoreError::make(Code::NotFound, OperatorStore::tr("No such operator."));
    return {};
}

// Refuses a change that would leave no enabled administrator: `name` stops being one.
Status keepAnAdministrator(QSqlDatabase &db, const QString &name)
{
    QSqlQuery q(db);
    QString err;
    if (!exec(
            q,
            QStringLiteral("SELECT count(*) FROM ks_operators WHERE role = ? AND disabled = 0 AND name <> ?"),
            { roleName(Role::Administrator), name }, err)
        || !q.next())
        return dbError(err);
    if (q.value(0).toLongLong() > 0)
        return {};
    if (!exec(
            q,
            QStringLiteral("SELECT count(*) FROM ks_operators WHERE role = ? AND disabled = 0 AND name = ?"),
            { roleName(Role::Administrator), name }, err)
        || !q.next())
        return dbError(err);
    if (q.value(0).toLongLong() == 0)
        return {}; // not an enabled administrator now: nothing to keep
    return CoreError::make(
        Code::LastAdministrator,
        OperatorStore::tr("%1 is the last enabled administrator; make another administrator "
                          "first.")
            .arg(name));
}

} // namespace

Status OperatorStore::insert(const QString &actorName, const QString &name, Role role, const QString &secret,
                             const QString &action, bool onlyIntoEmptyTable)
{
    const qint64 now = nowMs();
    return changeAccount(
        actorName, name, action, { { QStringLiteral("role"), roleName(role) } },
        [&](QSqlDatabase &db, QJsonObject &, QString &) -> Status {
            QSqlQuery q(db);
            QString err;
            if (onlyIntoEmptyTable) {
                if (!exec(q, QStringLiteral("SELECT count(*) FROM ks_operators"), {}, err) || !q.next())
                    return dbError(err);
                if (q.value(0).toLongLong() > 0)
                    return CoreError::make(Code::FirstAdministratorExists,
                                           tr("Accounts exist already; log in as an administrator to add "
                                              "accounts."));
            }
            if (!exec(q, QStringLiteral("SELECT 1 FROM ks_operators WHERE name = ?"), { name }, err))
                return dbError(err);
            if (q.next())
                return CoreError::make(Code::AlreadyExists,
                                       tr("An operator named %1 already exists.").arg(name));
            if (!exec(q,
                      QStringLiteral("INSERT INTO ks_operators (%1) VALUES (?, ?, ?, 0, 0, 0, '', ?, ?)")
                          .arg(kColumns),
                      { name, roleName(role), secret, now, now }, err))
                return dbError(err);
            return {};
        });
}

void OperatorStore::journal(const QString &operatorName, const QString &action, const QString &outcome,
                            const QJsonObject &detail)
{
    auto r = m_journal.recordOperatorEvent(operatorName, action, outcome, detail);
    if (!r)
        qCWarning(lcCore) << "could not journal operator event" << action << outcome << r.error().toString();
}

Status OperatorStore::validateName(const QString &name) const
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    if (!re.match(name).hasMatch())
        return CoreError::make(Code::InvalidArgument,
                               tr("An operator name is 1 to 64 letters, digits, '.', '_', '@' or '-'."),
                               QStringLiteral("name"));
    return {};
}

Status OperatorStore::validatePassword(const QByteArray &password) const
{
    if (password.size() < m_options.minPasswordLength)
        return CoreError::make(
            Code::InvalidArgument,
            tr("A password needs at least %1 characters.").arg(m_options.minPasswordLength),
            QStringLiteral("password"));
    return {};
}

Result<bool> OperatorStore::needsFirstAdministrator()
{
    return m_journal.read([&](QSqlDatabase &db) -> Result<bool> {
        QSqlQuery q(db);
        QString err;
        if (!exec(q, QStringLiteral("SELECT count(*) FROM ks_operators"), {}, err) || !q.next())
            return dbError(err);
        return q.value(0).toLongLong() == 0;
    });
}

Result<OperatorSession> OperatorStore::createFirstAdministrator(const QString &name, QByteArray &password)
{
    SecretGuard guard(password);
    auto needs = needsFirstAdministrator();
    if (!needs)
        return needs.error();
    if (!*needs)
        return CoreError::make(Code::FirstAdministratorExists,
                               tr("Accounts exist already; log in as an administrator to add accounts."));
    if (auto v = validateName(name); !v)
        return v.error();
    if (auto v = validatePassword(password); !v)
        return v.error();
    const QString secret = PasswordHasher::hash(password, m_options.iterations);
    if (secret.isEmpty())
        return CoreError::make(Code::Crypto, tr("Could not hash the password."));
    // The emptiness is checked again in the inserting transaction: another station may have been quicker.
    if (auto i = insert(name, name, Role::Administrator, secret,
                        QStringLiteral("account.first-administrator"), true);
        !i)
        return i.error();
    return OperatorSession(name, Role::Administrator, QStringLiteral("first-run"), nowMs(), &m_journal);
}

Result<OperatorSession> OperatorStore::login(const QString &name, QByteArray &password)
{
    SecretGuard guard(password);
    auto row = fetch(name);
    if (!row)
        return row.error();
    // One answer for every refusal, so a caller cannot tell an unknown, locked or disabled account from a
    // wrong password; the journal records the real reason.
    const auto refused
        = [] { return CoreError::make(Code::BadCredentials, tr("Unknown operator or wrong password.")); };
    if (!*row) {
        PasswordHasher::dummyVerify(password); // an unknown name costs as much as a wrong password
        journal(name, QStringLiteral("login"), QStringLiteral("failed"),
                { { QStringLiteral("method"), QStringLiteral("password") },
                  { QStringLiteral("reason"), QStringLiteral("unknown-operator") } });
        return refused();
    }
    const Row r = **row;
    const qint64 now = nowMs();
    const QJsonObject method { { QStringLiteral("method"), QStringLiteral("password") } };
    const bool passwordOk = PasswordHasher::verify(password, r.secret); // costs the same for every account
    if (r.disabled) {
        journal(name, QStringLiteral("login"), QStringLiteral("disabled"), method);
        return refused();
    }
    if (r.lockedUntilMs > now) {
        journal(name, QStringLiteral("login"), QStringLiteral("locked"), method);
        return refused();
    }
    if (!passwordOk) {
        // Counted inside the transaction that journals it, under the chain-head lock: failures from several
        // threads or stations at once are each counted; an expired lock starts the count afresh.
        const qint64 lockMs
            = std::chrono::duration_cast<std::chrono::milliseconds>(m_options.lockout).count();
        const int maxFailures = m_options.maxFailures;
        auto counted = m_journal.recordAccountChange(
            name, name, QStringLiteral("login"), QStringLiteral("failed"),
            { { QStringLiteral("method"), QStringLiteral("password") },
              { QStringLiteral("reason"), QStringLiteral("wrong-secret") } },
            [&](QSqlDatabase &db, QJsonObject &detail, QString &outcome) -> Status {
                QSqlQuery q(db);
                QString err;
                if (!exec(q,
                          QStringLiteral(
                              "UPDATE ks_operators SET failures = CASE WHEN locked_until_ms <> 0 AND "
                              "locked_until_ms <= ? THEN 1 ELSE failures + 1 END, locked_until_ms = "
                              "CASE WHEN locked_until_ms <= ? THEN 0 ELSE locked_until_ms END, "
                              "updated_ms = ? WHERE name = ? RETURNING failures"),
                          { now, now, now, name }, err))
                    return dbError(err);
                if (!q.next())
                    return CoreError::make(Code::NotFound, tr("No such operator."));
                const int failures = q.value(0).toInt();
                q.finish();
                detail.insert(QStringLiteral("consecutiveFailures"), failures);
                if (failures >= maxFailures) {
                    if (!exec(q,
                              QStringLiteral(
                                  "UPDATE ks_operators SET failures = 0, locked_until_ms = ? WHERE name = ?"),
                              { now + lockMs, name }, err))
                        return dbError(err);
                    outcome = QStringLiteral("locked-out");
                }
                return {};
            });
        if (!counted)
            qCWarning(lcCore) << "could not count a failed login:" << counted.error().toString();
        return refused();
    }
    if (auto u = m_journal.recordAccountChange(
            name, name, QStringLiteral("login"), QStringLiteral("success"), method,
            [&](QSqlDatabase &db, QJsonObject &, QString &) {
                return updateRow(db,
                                 QStringLiteral("UPDATE ks_operators SET failures = 0, locked_until_ms = 0, "
                                                "updated_ms = ? WHERE name = ?"),
                                 { now, name });
            });
        !u)
        return u.error();
    return OperatorSession(name, r.role, QStringLiteral("password"), now, &m_journal);
}

Result<OperatorSession> OperatorStore::loginWithBadge(const BadgeIdentity &badge)
{
    const QJsonObject detail { { QStringLiteral("method"), QStringLiteral("badge") },
                               { QStringLiteral("badgeSubject"), badge.subject },
                               { QStringLiteral("badgeSha256"), badge.fingerprintSha256 } };
    const auto noAccount = [] {
        return CoreError::make(Code::BadgeNoAccount, tr("No operator account belongs to this badge."));
    };
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    const QString fingerprint = badge.fingerprintSha256.toLower();
    if (!hex.match(fingerprint).hasMatch()) {
        journal(badge.commonName, QStringLiteral("login"), QStringLiteral("failed"), detail);
        return noAccount();
    }
    // Only the account that enrolled exactly this certificate; a certificate's names count for nothing.
    auto found = m_journal.read([&](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery q(db);
        QString err;
        if (!exec(q, QStringLiteral("SELECT name FROM ks_operators WHERE badge_sha256 = ?"), { fingerprint },
                  err))
            return dbError(err);
        QStringList names;
        while (q.next())
            names << q.value(0).toString();
        return names;
    });
    if (!found)
        return found.error();
    if (found->size() != 1) {
        journal(badge.commonName, QStringLiteral("login"), QStringLiteral("failed"), detail);
        return noAccount();
    }
    auto row = fetch(found->first());
    if (!row)
        return row.error();
    if (!*row || (*row)->badgeSha256 != fingerprint) {
        journal(badge.commonName, QStringLiteral("login"), QStringLiteral("failed"), detail);
        return noAccount();
    }
    const Row &r = **row;
    const qint64 now = nowMs();
    if (r.disabled) {
        journal(r.name, QStringLiteral("login"), QStringLiteral("disabled"), detail);
        return noAccount();
    }
    if (r.lockedUntilMs > now) {
        journal(r.name, QStringLiteral("login"), QStringLiteral("locked"), detail);
        return noAccount();
    }
    journal(r.name, QStringLiteral("login"), QStringLiteral("success"), detail);
    return OperatorSession(r.name, r.role, QStringLiteral("badge"), now, &m_journal);
}

Status OperatorStore::addOperator(const OperatorSession &actor, const QString &name, Role role,
                                  QByteArray &password)
{
    SecretGuard guard(password);
    if (auto a = authorize(actor, Permission::ManageAccounts, m_journal); !a) {
        journal(actor.name(), QStringLiteral("account.add"), QStringLiteral("denied"),
                { { QStringLiteral("account"), name } });
        return a;
    }
    if (auto v = validateName(name); !v)
        return v;
    if (auto v = validatePassword(password); !v)
        return v;
    const QString secret = PasswordHasher::hash(password, m_options.iterations);
    if (secret.isEmpty())
        return CoreError::make(Code::Crypto, tr("Could not hash the password."));
    return insert(actor.name(), name, role, secret, QStringLiteral("account.add"), false);
}

Status OperatorStore::setDisabled(const OperatorSession &actor, const QString &name, bool disabled)
{
    if (auto a = authorize(actor, Permission::ManageAccounts, m_journal); !a)
        return a;
    if (disabled && name == actor.name())
        return CoreError::make(Code::InvalidArgument, tr("You cannot disable your own account."));
    const qint64 now = nowMs();
    return changeAccount(
        actor.name(), name, disabled ? QStringLiteral("account.disable") : QStringLiteral("account.enable"),
        {}, [&](QSqlDatabase &db, QJsonObject &, QString &) -> Status {
            if (disabled)
                if (auto keep = keepAnAdministrator(db, name); !keep)
                    return keep;
            return updateRow(db,
                             QStringLiteral("UPDATE ks_operators SET disabled = ?, updated_ms = ? WHERE "
                                            "name = ?"),
                             { disabled ? 1 : 0, now, name });
        });
}

Status OperatorStore::setRole(const OperatorSession &actor, const QString &name, Role role)
{
    if (auto a = authorize(actor, Permission::ManageAccounts, m_journal); !a)
        return a;
    const qint64 now = nowMs();
    return changeAccount(
        actor.name(), name, QStringLiteral("account.role"), { { QStringLiteral("role"), roleName(role) } },
        [&](QSqlDatabase &db, QJsonObject &, QString &) -> Status {
            if (role != Role::Administrator)
                if (auto keep = keepAnAdministrator(db, name); !keep)
                    return keep;
            return updateRow(
                db, QStringLiteral("UPDATE ks_operators SET role = ?, updated_ms = ? WHERE name = ?"),
                { roleName(role), now, name });
        });
}

Status OperatorStore::setBadgeFingerprint(const OperatorSession &actor, const QString &name,
                                          const QString &sha256Hex)
{
    if (auto a = authorize(actor, Permission::ManageAccounts, m_journal); !a)
        return a;
    static const QRegularExpression hex(QStringLiteral("^([0-9a-fA-F]{64})?$"));
    if (!hex.match(sha256Hex).hasMatch())
        return CoreError::make(Code::InvalidArgument, tr("A badge fingerprint is 64 hexadecimal digits."));
    const QString fingerprint = sha256Hex.toLower();
    const qint64 now = nowMs();
    return changeAccount(
        actor.name(), name, QStringLiteral("account.badge"),
        { { QStringLiteral("badgeSha256"), fingerprint } },
        [&](QSqlDatabase &db, QJsonObject &, QString &) -> Status {
            if (!fingerprint.isEmpty()) {
                // One badge, one account: a login must never have to choose.
                QSqlQuery q(db);
                QString err;
                if (!exec(
                        q,
                        QStringLiteral("SELECT name FROM ks_operators WHERE badge_sha256 = ? AND name <> ?"),
                        { fingerprint, name }, err))
                    return dbError(err);
                if (q.next())
                    return CoreError::make(
                        Code::AlreadyExists,
                        tr("This badge is enrolled for %1 already.").arg(q.value(0).toString()));
            }
            return updateRow(
                db, QStringLiteral("UPDATE ks_operators SET badge_sha256 = ?, updated_ms = ? WHERE name = ?"),
                { fingerprint, now, name });
        });
}

Status OperatorStore::changePassword(const OperatorSession &actor, const QString &name,
                                     QByteArray &newPassword)
{
    SecretGuard guard(newPassword);
    if (actor.name().isEmpty() || actor.journal() != &m_journal
        || (actor.name() != name && !roleAllows(actor.role(), Permission::ManageAccounts))) {
        journal(actor.name(), QStringLiteral("account.password"), QStringLiteral("denied"),
                { { QStringLiteral("account"), name } });
        return denied(Permission::ManageAccounts);
    }
    if (auto v = validatePassword(newPassword); !v)
        return v;
    const QString secret = PasswordHasher::hash(newPassword, m_options.iterations);
    if (secret.isEmpty())
        return CoreError::make(Code::Crypto, tr("Could not hash the password."));
    const qint64 now = nowMs();
    return changeAccount(actor.name(), name, QStringLiteral("account.password"), {},
                         [&](QSqlDatabase &db, QJsonObject &, QString &) {
                             return updateRow(
                                 db,
                                 QStringLiteral("UPDATE ks_operators SET secret = ?, failures = 0, "
                                                "locked_until_ms = 0, updated_ms = ? WHERE name = ?"),
                                 { secret, now, name });
                         });
}

Result<QList<OperatorAccount>> OperatorStore::accounts(const OperatorSession &actor)
{
    if (auto a = authorize(actor, Permission::ReadLog, m_journal); !a)
        return a.error();
    return m_journal.read([&](QSqlDatabase &db) -> Result<QList<OperatorAccount>> {
        QSqlQuery q(db);
        QString err;
        if (!exec(q, QStringLiteral("SELECT %1 FROM ks_operators ORDER BY name").arg(kColumns), {}, err))
            return dbError(err);
        QList<OperatorAccount> out;
        while (q.next()) {
            OperatorAccount a;
            a.name = q.value(0).toString();
            a.role = roleFromName(q.value(1).toString()).value_or(Role::Operator);
            a.secretIterations = PasswordHasher::iterationsOf(q.value(2).toString());
            a.disabled = q.value(3).toInt() != 0;
            a.failures = q.value(4).toInt();
            a.lockedUntilMs = q.value(5).toLongLong();
            a.badgeSha256 = q.value(6).toString();
            out << a;
        }
        return out;
    });
}

} // namespace ks::core
