#include "OperatorCommand.h"

#include "CliOptions.h"
#include "CliOutput.h"
#include "ExitCode.h"

#include "core/Journal.h"
#include "core/SecureBytes.h"
#include "core/secrets/SecretFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <termios.h>
#include <unistd.h>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::OperatorCommand)
};

QTextStream &out()
{
    return cliOut();
}

QTextStream &err()
{
    return cliErr();
}

// Reads up to a newline from fd byte by byte: no buffering, so several secrets can follow each other on
// stdin.
bool readLineFromFd(int fd, QByteArray &out)
{
    out.clear();
    char c = 0;
    bool any = false;
    for (;;) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return any;
        any = true;
        if (c == '\n')
            break;
        out.append(c);
        if (out.size() > 4096)
            return false;
    }
    if (out.endsWith('\r'))
        out.chop(1);
    return true;
}

} // namespace

namespace cli {

core::Result<std::unique_ptr<core::Journal>> openJournal(const QString &journalPath, const QString &pgConf)
{
    if (!pgConf.isEmpty()) {
        auto config = core::JournalConfig::fromPgConfFile(pgConf);
        if (!config)
            return config.error();
        return core::Journal::open(*config);
    }
    return core::Journal::open(core::JournalConfig::sqlite(journalPath));
}

bool readSecret(const QString &prompt, const QString &file, QByteArray &out)
{
    if (!file.isEmpty()) {
        // Refused (with the reason on stderr) unless owner-only: core/secrets/SecretFile.h.
        QString error;
        if (!SecretFile::readLine(file, out, error)) {
            err() << error << Qt::endl;
            return false;
        }
        return true;
    }
    if (::isatty(STDIN_FILENO)) {
        err() << prompt << Qt::flush;
        termios old {};
        const bool haveTerm = ::tcgetattr(STDIN_FILENO, &old) == 0;
        if (haveTerm) {
            termios silent = old;
            silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
        }
        const bool ok = readLineFromFd(STDIN_FILENO, out);
        if (haveTerm)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        err() << Qt::endl;
        return ok;
    }
    return readLineFromFd(STDIN_FILENO, out);
}

core::Result<core::OperatorSession> authenticate(core::OperatorStore &store, const QString &name,
                                                 const QString &passwordFile, core::Permission permission)
{
    if (name.isEmpty())
        return core::CoreError::make(core::CoreError::Code::PermissionDenied,
                                     Tr::tr("This needs an authenticated operator: give --as NAME."));
    QByteArray password;
    if (!readSecret(Tr::tr("Password for %1: ").arg(name), passwordFile, password))
        return core::CoreError::make(core::CoreError::Code::BadCredentials, Tr::tr("No password given."));
    auto session = store.login(name, password); // wipes password
    if (!session)
        return session.error();
    if (auto a = core::OperatorStore::authorize(*session, permission); !a)
        return a.error();
    return session;
}

} // namespace cli

namespace {

int fail(const core::CoreError &e)
{
    err() << e.message << Qt::endl;
    using Code = core::CoreError::Code;
    switch (e.code) {
    case Code::BadCredentials:
    case Code::AccountLocked:
    case Code::AccountDisabled:
    case Code::PermissionDenied:
        return AuthFailed;
    case Code::FirstAdministratorExists:
    case Code::LastAdministrator:
    case Code::AlreadyExists:
        return Failed; // an account rule refused the change
    default:
        return UsageError;
    }
}

// A new password: once from a file or stdin, twice (confirmed) on a terminal.
bool readNewPassword(const QString &name, const QString &file, QByteArray &out)
{
    if (!cli::readSecret(Tr::tr("New password for %1: ").arg(name), file, out))
        return false;
    if (file.isEmpty() && ::isatty(STDIN_FILENO)) {
        QByteArray again;
        core::SecretGuard guard(again);
        if (!cli::readSecret(Tr::tr("Repeat the password: "), {}, again) || again != out) {
            core::wipe(out);
            err() << Tr::tr("The passwords differ.") << Qt::endl;
            return false;
        }
    }
    return true;
}

} // namespace

int runOperatorCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Manage operator accounts."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"),
                                 Tr::tr("add, passwd, role, disable, enable or list"));
    parser.addPositionalArgument(QStringLiteral("name"), Tr::tr("the account"));
    const QCommandLineOption role(QStringLiteral("role"), Tr::tr("operator, supervisor or administrator"),
                                  QStringLiteral("ROLE"), QStringLiteral("operator"));
    const QCommandLineOption as(QStringLiteral("as"), Tr::tr("the administrator doing this"),
                                QStringLiteral("NAME"));
    const QCommandLineOption asPasswordFile(QStringLiteral("as-password-file"),
                                            Tr::tr("read the --as operator's password from FILE"),
                                            QStringLiteral("FILE"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          Tr::tr("read the new password from FILE"), QStringLiteral("FILE"));
    const QCommandLineOption journal(QStringLiteral("journal"),
                                     Tr::tr("SQLite journal file (default $KEYSTATION_JOURNAL)."),
                                     QStringLiteral("PATH"));
    const QCommandLineOption pgConf(QStringLiteral("pg-conf"), Tr::tr("PostgreSQL connection file"),
                                    QStringLiteral("FILE"));
    parser.addOptions({ role, as, asPasswordFile, passwordFile, journal, pgConf });
    if (const auto done = cli::parse(parser, QStringLiteral("operator"), args))
        return *done;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const QString name = pos.value(1);
    if (action.isEmpty() || (action != QLatin1String("list") && name.isEmpty())) {
        err() << cli::helpText(parser, QStringLiteral("operator"));
        return UsageError;
    }

    auto opened = cli::openJournal(parser.value(journal), parser.value(pgConf));
    if (!opened)
        return fail(opened.error());
    core::Journal &j = **opened;
    core::OperatorStore store(j);

    if (action == QLatin1String("add")) {
        const auto r = core::roleFromName(parser.value(role));
        if (!r) {
            err() << Tr::tr("Unknown role '%1'.").arg(parser.value(role)) << Qt::endl;
            return UsageError;
        }
        auto first = store.needsFirstAdministrator();
        if (!first)
            return fail(first.error());
        if (*first) {
            // First run: nobody can authenticate yet, so the first account needs no --as and must administer.
            if (*r != core::Role::Administrator) {
                err() << Tr::tr("The first account must be an administrator (--role administrator).")
                      << Qt::endl;
                return UsageError;
            }
            QByteArray pw;
            if (!readNewPassword(name, parser.value(passwordFile), pw))
                return UsageError;
            auto s = store.createFirstAdministrator(name, pw);
            if (!s)
                return fail(s.error());
            out() << Tr::tr("Administrator %1 created.").arg(name) << Qt::endl;
            return Success;
        }
        auto actor = cli::authenticate(store, parser.value(as), parser.value(asPasswordFile),
                                       core::Permission::ManageAccounts);
        if (!actor)
            return fail(actor.error());
        QByteArray pw;
        if (!readNewPassword(name, parser.value(passwordFile), pw))
            return UsageError;
        if (auto a = store.addOperator(*actor, name, *r, pw); !a)
            return fail(a.error());
        out() << Tr::tr("Operator %1 (%2) added.").arg(name, core::roleName(*r)) << Qt::endl;
        return Success;
    }
    if (action == QLatin1String("passwd")) {
        // Without --as, an operator changes their own password after proving the current one.
        const QString actorName = parser.isSet(as) ? parser.value(as) : name;
        auto actor
            = cli::authenticate(store, actorName, parser.value(asPasswordFile), core::Permission::Provision);
        if (!actor)
            return fail(actor.error());
        QByteArray pw;
        if (!readNewPassword(name, parser.value(passwordFile), pw))
            return UsageError;
        if (auto c = store.changePassword(*actor, name, pw); !c)
            return fail(c.error());
        out() << Tr::tr("Password of %1 changed.").arg(name) << Qt::endl;
        return Success;
    }
    if (action == QLatin1String("role")) {
        const auto r = core::roleFromName(parser.value(role));
        if (!r || !parser.isSet(role)) {
            err() << Tr::tr("Give the new role: --role operator|supervisor|administrator.") << Qt::endl;
            return UsageError;
        }
        auto actor = cli::authenticate(store, parser.value(as), parser.value(asPasswordFile),
                                       core::Permission::ManageAccounts);
        if (!actor)
            return fail(actor.error());
        if (auto s = store.setRole(*actor, name, *r); !s)
            return fail(s.error());
        out() << Tr::tr("Operator %1 is now %2.").arg(name, core::roleName(*r)) << Qt::endl;
        return Success;
    }
    if (action == QLatin1String("disable") || action == QLatin1String("enable")) {
        auto actor = cli::authenticate(store, parser.value(as), parser.value(asPasswordFile),
                                       core::Permission::ManageAccounts);
        if (!actor)
            return fail(actor.error());
        const bool disable = action == QLatin1String("disable");
        if (auto d = store.setDisabled(*actor, name, disable); !d)
            return fail(d.error());
        out() << (disable ? Tr::tr("Operator %1 disabled.") : Tr::tr("Operator %1 enabled.")).arg(name)
              << Qt::endl;
        return Success;
    }
    if (action == QLatin1String("list")) {
        auto actor = cli::authenticate(store, parser.value(as), parser.value(asPasswordFile),
                                       core::Permission::ReadLog);
        if (!actor)
            return fail(actor.error());
        auto list = store.accounts(*actor);
        if (!list)
            return fail(list.error());
        for (const core::OperatorAccount &a : *list)
            out() << QStringLiteral("%1\t%2\t%3\n")
                         .arg(a.name, core::roleName(a.role),
                              a.disabled ? Tr::tr("disabled")
                                         : (a.lockedUntilMs ? Tr::tr("locked") : Tr::tr("active")));
        out().flush();
        return Success;
    }
    err() << Tr::tr("Unknown action '%1'.").arg(action) << Qt::endl;
    return UsageError;
}

} // namespace ks::app
