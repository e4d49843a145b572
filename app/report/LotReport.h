#pragma once
// The hand-over documents of a lot (issue 12, docs/lots.md): every key done in the lot as CSV, the
// certificates as one PEM bundle for the customer, and a PDF summary with counts, yield, the key table and
// a sign-off line. Inputs come from core::Journal (lot, lotCounts, lotKeys); nothing here reads the journal.
#include "core/CoreError.h"
#include "core/Lot.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ks::report {

// RFC 4180 CSV, UTF-8, CRLF: serial, certificate_serial, sha256_fingerprint, not_before_utc, not_after_utc,
// station, operator, done_utc (ISO 8601 UTC). A cell starting with = + - or @ gets a leading apostrophe, as
// in core::Journal::exportCsv.
QByteArray lotCsv(const QList<core::LotKey> &keys);
core::Status writeLotCsv(const QList<core::LotKey> &keys, const QString &path);

// The certificates, one PEM block each, in the order of keys, nothing else. A key without a certificate
// that parses as X.509 is an error (nothing is written).
core::Result<QByteArray> lotPem(const QList<core::LotKey> &keys);
core::Status writeLotPem(const QList<core::LotKey> &keys, const QString &path);

// A4 PDF: the lot (id, customer, model, profile), its counts and yields, the key table (serial, certificate
// serial, full SHA-256 fingerprint, valid until), "page x / y" on every page, and the sign-off lines. A row
// is never split across pages. Needs a QGuiApplication.
core::Status writeLotPdf(const core::LotManifest &lot, const core::LotCounts &counts,
                         const QList<core::LotKey> &keys, const QString &path);

// Lower-case hex SHA-256 of a key's certificate DER (or its recorded fingerprint when the DER is absent).
QString fingerprintOf(const core::LotKey &key);
// Hex in groups of `group` characters separated by spaces, `perLine` groups a line ("3f2a 9c1b …").
QString groupedHex(const QString &hex, int group = 4, int perLine = 8);

} // namespace ks::report
