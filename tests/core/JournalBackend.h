#pragma once

// Makes fresh journals on SQLite (a file in a temp dir) or on the shared PostgreSQL test server (a fresh
// database per journal), and tampers with their rows behind the journal's back.

#include "PostgresServer.h"
#include "core/Journal.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <atomic>

namespace ks::test {

enum class Backend
{
    Sqlite,
    Postgres
};

inline std::string backendName(const ::testing::TestParamInfo<Backend> &info)
{
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

class JournalBackend
{
public:
    explicit JournalBackend(Backend backend)
        : m_backend(backend)
    {
        if (backend == Backend::Sqlite) {
            m_config = core::JournalConfig::sqlite(m_dir.path() + QStringLiteral("/journal.sqlite"));
        } else {
            static std::atomic<int> counter { 0 };
            PostgresServer *pg = PostgresServer::shared();
            m_dbName = QStringLiteral("ks_test_%1_%2").arg(::getpid()).arg(counter++);
            m_ok = pg->isRunning() && pg->createDatabase(m_dbName);
            m_config.backend = core::JournalConfig::Backend::Postgres;
            m_config.pgHost = pg->host();
            m_config.pgPort = pg->port();
            m_config.pgDatabase = m_dbName;
            m_config.pgUser = pg->user();
            m_config.pgPassword = pg->password().toUtf8();
        }
        m_config.station = QStringLiteral("station-1");
    }

    bool ok() const { return m_ok; }
    core::JournalConfig config() const { return m_config; }
    QString sqlitePath() const { return m_config.sqlitePath; }

    core::Result<std::unique_ptr<core::Journal>>
    open(core::Clock clock = core::systemClock(), const QString &station = QStringLiteral("station-1")) const
    {
        core::JournalConfig c = m_config;
        c.station = station;
        // Its own password: Journal::open wipes the one it is given, in every copy sharing it.
        c.pgPassword = QByteArray(m_config.pgPassword.constData(), m_config.pgPassword.size());
        return core::Journal::open(c, std::move(clock));
    }

    // Runs SQL directly on the database (as an attacker with database access would).
    bool tamper(const QString &sql, QString *firstValue = nullptr)
    {
        if (m_backend == Backend::Postgres)
            return PostgresServer::shared()->psql(sql, firstValue, m_dbName);
        const QString name = QUuid::createUuid().toString();
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_config.sqlitePath);
            if (db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (ok && firstValue && q.next())
                    *firstValue = q.value(0).toString();
                if (!ok)
                    ADD_FAILURE() << q.lastError().text().toStdString();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

private:
    Backend m_backend;
    QTemporaryDir m_dir;
    QString m_dbName;
    core::JournalConfig m_config;
    bool m_ok = true;
};

} // namespace ks::test
