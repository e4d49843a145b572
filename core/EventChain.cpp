#include "EventChain.h"

#include <QCryptographicHash>

namespace ks::core {

QString EventChain::genesisHash()
{
    return QString(64, u'0');
}

static void appendField(QByteArray &out, const QByteArray &value)
{
    out += QByteArray::number(value.size());
    out += ':';
    out += value;
    out += '\n';
}

QByteArray EventChain::canonical(const EventRecord &e)
{
    QByteArray out("ks-journal-v1\n");
    appendField(out, QByteArray::number(e.seq));
    appendField(out, QByteArray::number(e.tsMs));
    appendField(out, e.station.toUtf8());
    appendField(out, e.operatorName.toUtf8());
    appendField(out, e.batchId.toUtf8());
    appendField(out, e.attemptId.toUtf8());
    appendField(out, e.serial.toUtf8());
    appendField(out, e.kind.toUtf8());
    appendField(out, e.step.toUtf8());
    appendField(out, e.phase.toUtf8());
    appendField(out, e.detail.toUtf8());
    return out;
}

QString EventChain::computeHash(const QString &prevHashHex, const EventRecord &event)
{
    const QByteArray prev = QByteArray::fromHex(prevHashHex.toLatin1());
    if (prevHashHex.size() != 64 || prev.size() != 32 || prev.toHex() != prevHashHex.toLower().toLatin1())
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prev);
    h.addData(canonical(event));
    return QString::fromLatin1(h.result().toHex());
}

} // namespace ks::core
