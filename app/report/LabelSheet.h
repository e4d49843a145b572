#pragma once
// Labels for the keys of a batch (issue 12 part 5, docs/profiles.md "labels"): an A4 sheet of 3 × 8 labels,
// each with the key's serial in large print, the start of its certificate's SHA-256 fingerprint and a QR
// code (libqrencode, level M) of "serial=<serial>;sha256=<fingerprint>", for the operator to stick on the
// key.
#include "core/CoreError.h"
#include "core/JobTypes.h"

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QString>

namespace ks::core {
struct Profile;
}

namespace ks::report {

struct LabelItem
{
    QString serial;
    QString sha256Fingerprint; // lower-case hex, 64 digits
    QString certSerialHex;
};

// What a label's QR code holds: "serial=<serial>;sha256=<fingerprint>".
QByteArray labelQrText(const LabelItem &item);

// Where label `index` of a page lies on its (portrait A4) page, in millimetres from the top-left corner.
QRectF labelRectMm(int index);
constexpr int kLabelsPerPage = 24;

// The sheet(s): a title line, 24 labels a page, "page x / y". An empty list or a path that cannot be
// written is an error. Needs a QGuiApplication.
core::Status writeLabelSheet(const QString &title, const QList<LabelItem> &items, const QString &path);

// A label per key the batch provisioned (done, with a certificate; a key that already held its certificate
// when the batch found it is left out: it got its label then). Fingerprints are the SHA-256 of certDer.
QList<LabelItem> labelItems(const QList<core::JobResult> &results);

// The front ends' end-of-batch hook: when the profile sets "labels.directory" and the batch provisioned
// keys, writes <directory>/labels-<batchId>.pdf (creating the directory) and returns its path; returns an
// empty string when there is nothing to write.
core::Result<QString> writeBatchLabels(const core::Profile &profile, const QString &batchId,
                                       const QList<core::JobResult> &results);

} // namespace ks::report
