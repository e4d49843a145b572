#pragma once

#include "CoreError.h"

#include <QByteArray>
#include <QString>

namespace ks::core {

// Where the journal lives: a local SQLite file (one station) or a shared PostgreSQL database (many stations).
struct JournalConfig
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::JournalConfig)

public:
    enum class Backend
    {
        Sqlite,
        Postgres
    };

    Backend backend = Backend::Sqlite;
    QString sqlitePath; // empty: <AppDataLocation>/journal.sqlite
    QString pgHost = QStringLiteral("127.0.0.1");
    int pgPort = 5432;
    QString pgDatabase;
    QString pgUser;
    QByteArray pgPassword; // wiped in place by Journal::open: every copy sharing it reads zeros after
    QString station; // empty: this machine's host name
    // Empty: none. Each batch end appends the new chain head to this file (Journal::anchorLine), for
    // `keystation-cli log verify --anchor FILE` (docs/journal.md, "Anchors").
    QString anchorFile;
    // When each step event reaches the disk (docs/journal.md, "When a record is on the disk"). false (the
    // default): an event before a step that changes the key or asks the CA, the CA's answer, and every
    // batch, attempt, operator and lot event are synced before the call returns; the other step events
    // (reads, and the "after" of a step whose "before" was synced) are committed at once and synced with the
    // next synced event. true: every event is synced before the call returns.
    bool syncEveryEvent = false;

    static JournalConfig sqlite(const QString &path = {});
    static QString defaultSqlitePath();

    // Reads a PostgreSQL connection file: "key = value" lines (host, port, dbname, user, password,
    // station; '#' starts a comment). Values missing from the file come from the environment
    // (KS_PG_HOST, KS_PG_PORT, KS_PG_DATABASE, KS_PG_USER, KS_PG_PASSWORD). The file must be readable by its
    // owner only (mode & 077 == 0), with or without a password in it.
    static Result<JournalConfig> fromPgConfFile(const QString &path);
    // The same from the environment only.
    static Result<JournalConfig> fromPgEnvironment();
};

} // namespace ks::core
