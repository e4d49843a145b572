#include "JournalConfig.h"

#include "SecureBytes.h"
#include "StationDefaults.h"
#include "core/secrets/SecretFile.h"

#include <QStandardPaths>

namespace ks::core {

JournalConfig JournalConfig::sqlite(const QString &path)
{
    JournalConfig c;
    c.backend = Backend::Sqlite;
    c.sqlitePath = path;
    return c;
}

QString JournalConfig::defaultSqlitePath()
{
    // Both front ends: --journal, else $KEYSTATION_JOURNAL, else the settings (GUI), else the data folder.
    if (const QString fromEnv = StationDefaults::journalFromEnvironment(); !fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/journal.sqlite");
}

static Result<JournalConfig> finishPgConfig(JournalConfig c)
{
    auto env = [](const char *name) { return qEnvironmentVariable(name); };
    if (c.pgHost.isEmpty())
        c.pgHost = env("KS_PG_HOST");
    if (c.pgPort == 0 && !qEnvironmentVariableIsEmpty("KS_PG_PORT"))
        c.pgPort = env("KS_PG_PORT").toInt();
    if (c.pgDatabase.isEmpty())
        c.pgDatabase = env("KS_PG_DATABASE");
    if (c.pgUser.isEmpty())
        c.pgUser = env("KS_PG_USER");
    if (c.pgPassword.isEmpty())
        c.pgPassword = qgetenv("KS_PG_PASSWORD");
    if (c.pgHost.isEmpty())
        c.pgHost = QStringLiteral("127.0.0.1");
    if (c.pgPort == 0)
        c.pgPort = 5432;
    if (c.pgPort < 1 || c.pgPort > 65535)
        return CoreError::make(CoreError::Code::InvalidArgument,
                               JournalConfig::tr("Invalid PostgreSQL port."), QStringLiteral("port"));
    if (c.pgDatabase.isEmpty() || c.pgUser.isEmpty())
        return CoreError::make(CoreError::Code::InvalidArgument,
                               JournalConfig::tr("The PostgreSQL journal needs a database name and a user."),
                               QStringLiteral("dbname"));
    return c;
}

Result<JournalConfig> JournalConfig::fromPgEnvironment()
{
    JournalConfig c;
    c.backend = Backend::Postgres;
    c.pgHost.clear();
    c.pgPort = 0;
    return finishPgConfig(std::move(c));
}

Result<JournalConfig> JournalConfig::fromPgConfFile(const QString &path)
{
    // Owner-only, whether or not it holds the password (core/secrets/SecretFile.h).
    QByteArray text;
    QString error;
    if (!SecretFile::read(path, text, error))
        return CoreError::make(CoreError::Code::Io, error);
    SecretGuard textGuard(text);
    JournalConfig c;
    c.backend = Backend::Postgres;
    c.pgHost.clear();
    c.pgPort = 0;
    int lineNo = 0;
    QList<QByteArray> lines = text.split('\n');
    for (QByteArray &line : lines) {
        ++lineNo;
        SecretGuard lineGuard(line);
        // Views, not trimmed() copies: a copy of a password line would be freed unwiped.
        const int hash = line.indexOf('#');
        if (hash >= 0 && !QByteArrayView(line).trimmed().startsWith("password"))
            line.truncate(hash);
        const int eq = line.indexOf('=');
        if (QByteArrayView(line).trimmed().isEmpty())
            continue;
        if (eq < 0)
            return CoreError::make(CoreError::Code::InvalidArgument,
                                   tr("%1 line %2: expected \"key = value\".").arg(path).arg(lineNo));
        const QByteArray key = line.left(eq).trimmed();
        QByteArray value = line.mid(eq + 1).trimmed();
        SecretGuard valueGuard(value);
        if (key == "host")
            c.pgHost = QString::fromUtf8(value);
        else if (key == "port")
            c.pgPort = value.toInt();
        else if (key == "dbname")
            c.pgDatabase = QString::fromUtf8(value);
        else if (key == "user")
            c.pgUser = QString::fromUtf8(value);
        else if (key == "station")
            c.station = QString::fromUtf8(value);
        else if (key == "password") {
            // A deep copy: the guard's wipe of `value` reaches every array sharing its storage.
            c.pgPassword = QByteArray(value.constData(), value.size());
        } else
            return CoreError::make(
                CoreError::Code::InvalidArgument,
                tr("%1 line %2: unknown key \"%3\".").arg(path).arg(lineNo).arg(QString::fromUtf8(key)));
    }
    return finishPgConfig(std::move(c));
}

} // namespace ks::core
