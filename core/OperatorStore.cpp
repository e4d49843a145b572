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
    if (session.name.isEmpty() || !roleAllows(session.role, permission))
        return denied(permission);
    return {};
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

Status OperatorStore::update(const QString &sql, const QVariantList &binds)
{
    return m_journal.worker().call([&](QSqlDatabase &db) -> Status {
        QSqlQuery q(db);
        QString err;
        if (!exec(q, sql, binds, err))
            return dbError(err);
        if (q.numRowsAffected() == 0)
            return CoreError::make(Code::NotFound, tr("No such operator."));
        return {};
    });
}

Status OperatorStore::insert(const QString &name, Role role, const QString &secret)
{
    const qint64 now = nowMs();
    return m_journal.worker().call([&](QSqlDatabase &db) -> Status {
        QSqlQuery q(db);
        QString err;
        if (!exec(q, QStringLiteral("SELECT 1 FROM ks_operators WHERE name = ?"), { name }, err))
            return dbError(err);
        if (q.next())
            return CoreError::make(Code::AlreadyExists, tr("An operator named %1 already exists.").arg(name));
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
        if (!exec(q, QStringLiteral("SELECT count(*) FROM ks_operators WHERE role = ? AND disabled = 0"),
                  { roleName(Role::Administrator) }, err)
            || !q.next())
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
                               tr("An administrator exists already; log in as one to add accounts."));
    if (auto v = validateName(name); !v)
        return v.error();
    if (auto v = validatePassword(password); !v)
        return v.error();
    const QString secret = PasswordHasher::hash(password, m_options.iterations);
    if (secret.isEmpty())
        return CoreError::make(Code::Crypto, tr("Could not hash the password."));
    // A disabled administrator of the same name is re-enabled with the new secret rather than duplicated.
    auto existing = fetch(name);
    if (!existing)
        return existing.error();
    if (*existing) {
        auto u = update(
            QStringLiteral("UPDATE ks_operators SET role = ?, secret = ?, disabled = 0, failures = 0, "
                           "locked_until_ms = 0, updated_ms = ? WHERE name = ?"),
            { roleName(Role::Administrator), secret, nowMs(), name });
        if (!u)
            return u.error();
    } else if (auto i = insert(name, Role::Administrator, secret); !i) {
        return i.error();
    }
    journal(
        name, QStringLiteral("account.first-administrator"), QStringLiteral("success"),
        { { QStringLiteral("account"), name }, { QStringLiteral("role"), roleName(Role::Administrator) } });
    return OperatorSession { name, Role::Administrator, QStringLiteral("first-run"), nowMs() };
}

Result<OperatorSession> OperatorStore::login(const QString &name, QByteArray &password)
{
    SecretGuard guard(password);
    auto row = fetch(name);
    if (!row)
        return row.error();
    const QJsonObject method { { QStringLiteral("method"), QStringLiteral("password") } };
    if (!*row) {
        PasswordHasher::dummyVerify(password); // an unknown name costs as much as a wrong password
        journal(name, QStringLiteral("login"), QStringLiteral("failed"),
                { { QStringLiteral("method"), QStringLiteral("password") },
                  { QStringLiteral("reason"), QStringLiteral("unknown-operator") } });
        return CoreError::make(Code::BadCredentials, tr("Unknown operator or wrong password."));
    }
    Row r = **row;
    const qint64 now = nowMs();
    if (r.disabled) {
        journal(name, QStringLiteral("login"), QStringLiteral("disabled"), method);
        return CoreError::make(Code::AccountDisabled, tr("The account %1 is disabled.").arg(name));
    }
    if (r.lockedUntilMs > now) {
        journal(name, QStringLiteral("login"), QStringLiteral("locked"), method);
        return CoreError::make(
            Code::AccountLocked,
            tr("The account %1 is locked after repeated failures until %2 UTC.")
                .arg(name, QDateTime::fromMSecsSinceEpoch(r.lockedUntilMs, Qt::UTC).toString(Qt::ISODate)));
    }
    if (!PasswordHasher::verify(password, r.secret)) {
        // Counted in the database in one statement, so guesses from several stations at once cannot each read
        // the same count; an expired lock starts the count afresh.
        const qint64 lockMs
            = std::chrono::duration_cast<std::chrono::milliseconds>(m_options.lockout).count();
        auto counted = m_journal.worker().call([&](QSqlDatabase &db) -> Result<int> {
            QSqlQuery q(db);
            QString err;
            if (!exec(q,
                      QStringLiteral(
                          "UPDATE ks_operators SET failures = CASE WHEN locked_until_ms <> 0 AND "
                          "locked_until_ms <= ? THEN 1 ELSE failures + 1 END, locked_until_ms = CASE "
                          "WHEN locked_until_ms <= ? THEN 0 ELSE locked_until_ms END, updated_ms = ? "
                          "WHERE name = ? RETURNING failures"),
                      { now, now, now, name }, err)
                || !q.next())
                return dbError(err);
            const int failures = q.value(0).toInt();
            q.finish();
            if (failures >= m_options.maxFailures
                && !exec(q,
                         QStringLiteral(
                             "UPDATE ks_operators SET failures = 0, locked_until_ms = ? WHERE name = ?"),
                         { now + lockMs, name }, err))
                return dbError(err);
            return failures;
        });
        if (!counted)
            return counted.error();
        const int failures = *counted;
        const bool lock = failures >= m_options.maxFailures;
        journal(name, QStringLiteral("login"), lock ? QStringLiteral("locked-out") : QStringLiteral("failed"),
                { { QStringLiteral("method"), QStringLiteral("password") },
                  { QStringLiteral("reason"), QStringLiteral("wrong-secret") },
                  { QStringLiteral("consecutiveFailures"), failures } });
        if (lock)
            return CoreError::make(Code::AccountLocked,
                                   tr("Wrong password. The account %1 is now locked for %2 minutes.")
                                       .arg(name)
                                       .arg(m_options.lockout.count() / 60));
        return CoreError::make(Code::BadCredentials, tr("Unknown operator or wrong password."));
    }
    auto u = update(
        QStringLiteral("UPDATE ks_operators SET failures = 0, locked_until_ms = 0, updated_ms = ? WHERE "
                       "name = ?"),
        { now, name });
    if (!u)
        return u.error();
    journal(name, QStringLiteral("login"), QStringLiteral("success"), method);
    return OperatorSession { name, r.role, QStringLiteral("password"), now };
}

Result<OperatorSession> OperatorStore::loginWithBadge(const BadgeIdentity &badge)
{
    auto found = m_journal.read([&](QSqlDatabase &db) -> Result<QString> {
        QSqlQuery q(db);
        QString err;
        if (!exec(q, QStringLiteral("SELECT name FROM ks_operators WHERE badge_sha256 = ?"),
                  { badge.fingerprintSha256.toLower() }, err))
            return dbError(err);
        return q.next() ? q.value(0).toString() : QString();
    });
    if (!found)
        return found.error();
    QString name = *found;
    auto row = fetch(name.isEmpty() ? badge.commonName : name);
    if (!row)
        return row.error();
    const QJsonObject detail { { QStringLiteral("method"), QStringLiteral("badge") },
                               { QStringLiteral("badgeSubject"), badge.subject },
                               { QStringLiteral("badgeSha256"), badge.fingerprintSha256 } };
    // A CN match counts only for accounts without an enrolled badge: an enrolled badge must be that badge.
    if (!*row || (name.isEmpty() && !(*row)->badgeSha256.isEmpty())) {
        journal(badge.commonName, QStringLiteral("login"), QStringLiteral("failed"), detail);
        return CoreError::make(Code::BadgeNoAccount, tr("No operator account belongs to this badge."));
    }
    const Row &r = **row;
    const qint64 now = nowMs();
    if (r.disabled) {
        journal(r.name, QStringLiteral("login"), QStringLiteral("disabled"), detail);
        return CoreError::make(Code::AccountDisabled, tr("The account %1 is disabled.").arg(r.name));
    }
    if (r.lockedUntilMs > now) {
        journal(r.name, QStringLiteral("login"), QStringLiteral("locked"), detail);
        return CoreError::make(Code::AccountLocked, tr("The account %1 is locked.").arg(r.name));
    }
    journal(r.name, QStringLiteral("login"), QStringLiteral("success"), detail);
    return OperatorSession { r.name, r.role, QStringLiteral("badge"), now };
}

Status OperatorStore::addOperator(const OperatorSession &actor, const QString &name, Role role,
                                  QByteArray &password)
{
    SecretGuard guard(password);
    if (auto a = authorize(actor, Permission::ManageAccounts); !a) {
        journal(actor.name, QStringLiteral("account.add"), QStringLiteral("denied"),
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
    if (auto i = insert(name, role, secret); !i)
        return i;
    journal(actor.name, QStringLiteral("account.add"), QStringLiteral("success"),
            { { QStringLiteral("account"), name }, { QStringLiteral("role"), roleName(role) } });
    return {};
}

Status OperatorStore::setDisabled(const OperatorSession &actor, const QString &name, bool disabled)
{
    if (auto a = authorize(actor, Permission::ManageAccounts); !a)
        return a;
    if (disabled && name == actor.name)
        return CoreError::make(Code::InvalidArgument, tr("You cannot disable your own account."));
    if (auto u = update(QStringLiteral("UPDATE ks_operators SET disabled = ?, updated_ms = ? WHERE name = ?"),
                        { disabled ? 1 : 0, nowMs(), name });
        !u)
        return u;
    journal(actor.name, disabled ? QStringLiteral("account.disable") : QStringLiteral("account.enable"),
            QStringLiteral("success"), { { QStringLiteral("account"), name } });
    return {};
}

Status OperatorStore::setRole(const OperatorSession &actor, const QString &name, Role role)
{
    if (auto a = authorize(actor, Permission::ManageAccounts); !a)
        return a;
    if (auto u = update(QStringLiteral("UPDATE ks_operators SET role = ?, updated_ms = ? WHERE name = ?"),
                        { roleName(role), nowMs(), name });
        !u)
        return u;
    journal(actor.name, QStringLiteral("account.role"), QStringLiteral("success"),
            { { QStringLiteral("account"), name }, { QStringLiteral("role"), roleName(role) } });
    return {};
}

Status OperatorStore::setBadgeFingerprint(const OperatorSession &actor, const QString &name,
                                          const QString &sha256Hex)
{
    if (auto a = authorize(actor, Permission::ManageAccounts); !a)
        return a;
    static const QRegularExpression hex(QStringLiteral("^([0-9a-fA-F]{64})?$"));
    if (!hex.match(sha256Hex).hasMatch())
        return CoreError::make(Code::InvalidArgument, tr("A badge fingerprint is 64 hexadecimal digits."));
    if (auto u
        = update(QStringLiteral("UPDATE ks_operators SET badge_sha256 = ?, updated_ms = ? WHERE name = ?"),
                 { sha256Hex.toLower(), nowMs(), name });
        !u)
        return u;
    journal(actor.name, QStringLiteral("account.badge"), QStringLiteral("success"),
            { { QStringLiteral("account"), name }, { QStringLiteral("badgeSha256"), sha256Hex.toLower() } });
    return {};
}

Status OperatorStore::changePassword(const OperatorSession &actor, const QString &name,
                                     QByteArray &newPassword)
{
    SecretGuard guard(newPassword);
    if (actor.name.isEmpty() || (actor.name != name && !roleAllows(actor.role, Permission::ManageAccounts))) {
        journal(actor.name, QStringLiteral("account.password"), QStringLiteral("denied"),
                { { QStringLiteral("account"), name } });
        return denied(Permission::ManageAccounts);
    }
    if (auto v = validatePassword(newPassword); !v)
        return v;
    const QString secret = PasswordHasher::hash(newPassword, m_options.iterations);
    if (secret.isEmpty())
        return CoreError::make(Code::Crypto, tr("Could not hash the password."));
    if (auto u
        = update(QStringLiteral("UPDATE ks_operators SET secret = ?, failures = 0, locked_until_ms = 0, "
                                "updated_ms = ? WHERE name = ?"),
                 { secret, nowMs(), name });
        !u)
        return u;
    journal(actor.name, QStringLiteral("account.password"), QStringLiteral("success"),
            { { QStringLiteral("account"), name } });
    return {};
}

Result<QList<OperatorAccount>> OperatorStore::accounts(const OperatorSession &actor)
{
    if (auto a = authorize(actor, Permission::ReadLog); !a)
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
