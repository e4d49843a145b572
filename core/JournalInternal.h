#pragma once

// Shared by the Journal*.cpp files only (not part of the journal's API): the column lists, the row mapping
// and the SQL plumbing of core/JournalRows.cpp.

#include "CoreError.h"
#include "JournalTypes.h"
#include "OperatorSession.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace ks::core {

class Journal;

namespace journal {

extern const QString kEventColumns;
extern const QString kBatchColumns;
extern const QString kAttemptColumns;

QString lastError(const QSqlQuery &q);
CoreError queryError(const QString &what, const QString &detail);
// Prepares, binds and runs; on failure fills `err`.
bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString &err);
// Opens a write transaction. durable = false: its COMMIT need not wait for the disk (SQLite:
// synchronous=NORMAL for this commit, PostgreSQL: synchronous_commit off); the next durable commit syncs it
// too.
bool beginWrite(QSqlDatabase &db, bool pg, QString &err, bool durable = true);
bool commit(QSqlDatabase &db, QString &err);
void rollback(QSqlDatabase &db);

EventRecord readEvent(const QSqlQuery &q);
BatchRecord readBatch(const QSqlQuery &q);
QVariantList batchBinds(const BatchRecord &b);
AttemptRecord readAttempt(const QSqlQuery &q);
QVariantList attemptBinds(const AttemptRecord &a);
QString placeholders(int n);
QString assignments(const QString &columns);
// UPDATE binds: every column but id, then id for the WHERE.
QVariantList updateBinds(QVariantList binds);
QString compactJson(const QJsonObject &o);

// A read needs a session of this journal's own account table whose role allows `p`.
bool mayRead(const OperatorSession &reader, const Journal *journal, Permission p);
CoreError readDenied(Permission p);

} // namespace journal

} // namespace ks::core
