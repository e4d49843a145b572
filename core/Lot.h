#pragma once
// Lots (work orders): a manifest of the keys one order may enrol, and what the journal knows about it
// (docs/lots.md). A lot is loaded once into the journal; its counts always come from the journal, so they
// survive restarts, log-outs and crashes, and are the same on every station sharing the journal.
#include "core/CoreError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ks::core {

// An inclusive range of normalised hardware serials (PinDerivation::normaliseSerial), both ends the same
// length; a serial is inside when it has that length and from <= serial <= to in byte order.
struct SerialRange
{
    QString from;
    QString to;
    bool operator==(const SerialRange &) const = default;
};

// The lot manifest (JSON, docs/lots.md). Loaded as strictly as a profile: an unknown field is an error that
// names it.
struct LotManifest
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::LotManifest)

public:
    QString id; // required, the work order's id
    QString profile; // required: the provisioning profile's name (Profile::name) this lot is enrolled with
    int quantity = 0; // required, > 0: the target, and a cap
    QStringList serials; // normalised; "serials" and/or "serialRanges" must allow at least one serial
    QList<SerialRange> serialRanges;
    QString customer; // optional, free text
    QString model; // optional, free text

    static Result<LotManifest> load(const QString &path);
    // `source` names the file in messages.
    static Result<LotManifest> parse(const QByteArray &json, const QString &source);

    bool contains(const QString &normalisedSerial) const;
    // Canonical JSON (sorted keys, normalised serials): what the journal stores and hashes.
    QJsonObject toJson() const;
    QString sha256() const; // lower-case hex of the compact canonical JSON
    bool operator==(const LotManifest &) const = default;
};

// Why a key is kept out of a lot's batch; decided before anything touches the key.
enum class LotVerdict
{
    Admitted,
    NotInLot, // its serial is not in the manifest
    AlreadyInLot, // this serial is already done in this lot (on any station sharing the journal)
    LotComplete, // done + admitted-and-running keys reached the lot's quantity
};
QString lotVerdictName(LotVerdict verdict); // "admitted", "notInLot", "alreadyInLot", "lotComplete"

// Per lot, from the journal. A key counts once, by its last attempt in the lot.
struct LotCounts
{
    QString lotId;
    int quantity = 0;
    int done = 0; // keys done in this lot
    int failed = 0; // keys whose last attempt in the lot failed (and none done)
    int refused = 0; // attempts refused by the lot (not in lot, complete, already done)
    int interrupted = 0; // keys whose last attempt was left running by a process that died
    int running = 0;
    int remaining = 0; // max(0, quantity - done)
    double firstPassYield = 0; // keys done at their first admitted attempt / keys admitted at least once
    double finalYield = 0; // keys done / keys admitted at least once
    double keysPerHour = 0; // done keys / hours between the lot's first attempt and its last finished one
    qint64 firstAttemptMs = 0;
    qint64 lastFinishedMs = 0;
    QMap<QString, int> doneByStation;
    QMap<QString, int> doneByOperator;
};

// One key done in a lot, for the hand-over report.
struct LotKey
{
    QString serial;
    QString certSerialHex;
    QString sha256Fingerprint; // of the certificate DER, lower-case hex
    qint64 notBeforeMs = 0;
    qint64 notAfterMs = 0;
    QByteArray certDer;
    QString station;
    QString operatorName;
    qint64 doneMs = 0;
    QString attemptId;
};

} // namespace ks::core
