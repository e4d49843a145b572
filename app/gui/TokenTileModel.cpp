#include "TokenTileModel.h"

#include "UiText.h"

#include <algorithm>

namespace ks::app {

using core::JobStage;

TokenTileModel::TokenTileModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int TokenTileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_tiles.size());
}

QHash<int, QByteArray> TokenTileModel::roleNames() const
{
    return {
        { SerialRole, "serial" },
        { ModelRole, "model" },
        { LabelRole, "label" },
        { SlotRole, "slot" },
        { StageRole, "stage" },
        { StageTextRole, "stageText" },
        { ProgressRole, "progress" },
        { ToneRole, "tone" },
        { ErrorCodeRole, "errorCode" },
        { ErrorTextRole, "errorText" },
        { CertSerialRole, "certSerial" },
        { CertNotAfterRole, "certNotAfter" },
        { AttentionTextRole, "attention" },
        { PresentRole, "present" },
        { NextStepRole, "nextStep" },
    };
}

QVariant TokenTileModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tiles.size())
        return {};
    const Tile &t = m_tiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("Key %1").arg(index.row() + 1);
    case Qt::ToolTipRole:
        return tr("%1, serial %2, slot %3").arg(t.token.model, t.token.serial).arg(t.token.slotId);
    case SerialRole:
        return t.token.serial;
    case ModelRole:
        return t.token.model;
    case LabelRole:
        return t.token.label;
    case SlotRole:
        return QVariant::fromValue(static_cast<qulonglong>(t.token.slotId));
    case StageRole:
        return t.stage;
    case StageTextRole:
        return stageText(t);
    case ProgressRole:
        return t.stage < 0 ? 0 : progressOf(static_cast<JobStage>(t.stage));
    case ToneRole:
        return static_cast<int>(toneOf(t));
    case ErrorCodeRole:
        return t.hasResult ? t.result.errorCode() : QString();
    case ErrorTextRole:
        return t.hasResult && !t.result.ok() ? t.result.errorMessage : QString();
    case CertSerialRole:
        return t.hasResult && t.result.ok() ? t.result.certSerialHex : QString();
    case CertNotAfterRole:
        return t.hasResult && t.result.ok() ? t.result.certNotAfter : QDateTime();
    case AttentionTextRole:
        return t.present ? attentionText(t.token) : tr("Key pulled out");
    case ResultRole:
        return t.hasResult ? QVariant::fromValue(t.result) : QVariant();
    case PresentRole:
        return t.present;
    case NextStepRole:
        // Drawn instead of the reason: for now only for a key the lot kept out (the tile says nothing else).
        return t.hasResult && !t.result.ok() && t.result.error.isLotRefusal() ? t.result.error.nextStep()
                                                                              : QString();
    default:
        return {};
    }
}

int TokenTileModel::progressOf(JobStage stage)
{
    switch (stage) {
    case JobStage::Queued:
        return 0;
    case JobStage::Login:
        return 5;
    case JobStage::FindKeyPair:
        return 10;
    case JobStage::GenerateKeyPair:
        return 20;
    case JobStage::ReadIdentity:
        return 45;
    case JobStage::CreateCsr:
        return 50;
    case JobStage::Enrol:
        return 60;
    case JobStage::VerifyCertificate:
        return 70;
    case JobStage::WriteCertificate:
        return 80;
    case JobStage::ReadBack:
        return 90;
    case JobStage::SetUserPin:
        return 95;
    case JobStage::Done:
    case JobStage::Failed:
    case JobStage::Cancelled:
        return 100;
    }
    return 0;
}

TokenTileModel::Tone TokenTileModel::toneOf(const Tile &t) const
{
    if (t.hasResult) {
        if (t.result.ok())
            return Tone::Done;
        // A key holding another CA's or profile's certificate was left untouched for a person to decide;
        // so was a key the lot kept out (not in it, already done in it, lot complete).
        if (t.result.outcome == JobStage::Cancelled
            || t.result.error.kind == core::JobError::Kind::ForeignCertificate
            || t.result.error.isLotRefusal())
            return Tone::Attention;
        return Tone::Failed;
    }
    if (!t.present)
        return Tone::Attention;
    if (t.stage >= 0 && !core::isFinal(static_cast<JobStage>(t.stage)))
        return Tone::Busy;
    if (t.token.pinLocked || t.token.pinFinalTry || t.token.pinCountLow || !t.token.initialized)
        return Tone::Attention;
    return Tone::Idle;
}

QString TokenTileModel::attentionText(const core::KeyInfo &token) const
{
    if (token.pinLocked)
        return tr("PIN locked");
    if (token.pinFinalTry)
        return tr("Last PIN try left");
    if (token.pinCountLow)
        return tr("Few PIN tries left");
    if (!token.initialized)
        return tr("Key not initialised");
    return {};
}

QString TokenTileModel::stageText(const Tile &t) const
{
    if (t.hasResult) {
        if (t.result.ok())
            return t.result.alreadyProvisioned ? tr("Already provisioned") : tr("Done");
        if (t.result.outcome == JobStage::Cancelled)
            return tr("Cancelled");
        if (t.result.error.isLotRefusal())
            return tr("Not enrolled (lot)");
        return tr("Failed");
    }
    if (t.stage < 0)
        return tr("Ready");
    if (static_cast<JobStage>(t.stage) == JobStage::Queued)
        return tr("Waiting");
    return core::jobStageTitle(static_cast<JobStage>(t.stage));
}

int TokenTileModel::rowOf(const QString &serial) const
{
    for (int i = 0; i < m_tiles.size(); ++i)
        if (m_tiles.at(i).token.serial == serial)
            return i;
    return -1;
}

QString TokenTileModel::serialAt(int row) const
{
    return row >= 0 && row < m_tiles.size() ? m_tiles.at(row).token.serial : QString();
}

bool TokenTileModel::hasResult(const QString &serial) const
{
    const int row = rowOf(serial);
    return row >= 0 && m_tiles.at(row).hasResult;
}

core::JobResult TokenTileModel::result(const QString &serial) const
{
    const int row = rowOf(serial);
    return row >= 0 ? m_tiles.at(row).result : core::JobResult {};
}

int TokenTileModel::count(Tone tone) const
{
    return static_cast<int>(
        std::count_if(m_tiles.cbegin(), m_tiles.cend(), [&](const Tile &t) { return toneOf(t) == tone; }));
}

int TokenTileModel::keyNumber(const QString &serial) const
{
    return rowOf(serial) + 1;
}

int TokenTileModel::insertionRow(const core::KeyInfo &token) const
{
    int row = 0;
    while (row < m_tiles.size()) {
        const auto &other = m_tiles.at(row).token;
        if (other.slotId > token.slotId || (other.slotId == token.slotId && other.serial > token.serial))
            break;
        ++row;
    }
    return row;
}

void TokenTileModel::emitChanged(int row)
{
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
}

void TokenTileModel::addToken(const core::KeyInfo &token)
{
    const int existing = rowOf(token.serial);
    if (existing >= 0) {
        // Plugged back: a fresh start for this key, in its (possibly new) slot.
        beginRemoveRows({}, existing, existing);
        m_tiles.removeAt(existing);
        endRemoveRows();
    }
    const int row = insertionRow(token);
    beginInsertRows({}, row, row);
    Tile tile;
    tile.token = token;
    m_tiles.insert(row, tile);
    endInsertRows();
}

void TokenTileModel::changeToken(const core::KeyInfo &token)
{
    const int row = rowOf(token.serial);
    if (row < 0) {
        addToken(token);
        return;
    }
    m_tiles[row].token = token;
    m_tiles[row].present = true;
    emitChanged(row);
}

void TokenTileModel::removeToken(const core::KeyInfo &token)
{
    const int row = rowOf(token.serial);
    if (row < 0)
        return;
    Tile &t = m_tiles[row];
    const bool running = !t.hasResult && t.stage >= 0 && !core::isFinal(static_cast<JobStage>(t.stage));
    if (running) {
        // Pulled mid-step: keep the tile so the operator sees which key and, soon, why it failed.
        t.present = false;
        emitChanged(row);
        return;
    }
    beginRemoveRows({}, row, row);
    m_tiles.removeAt(row);
    endRemoveRows();
}

void TokenTileModel::setQueued(const QString &serial)
{
    const int row = rowOf(serial);
    if (row < 0)
        return;
    m_tiles[row].stage = static_cast<int>(JobStage::Queued);
    m_tiles[row].hasResult = false;
    m_tiles[row].result = {};
    emitChanged(row);
}

void TokenTileModel::setProgress(const QString &serial, JobStage stage)
{
    const int row = rowOf(serial);
    if (row < 0)
        return;
    m_tiles[row].stage = static_cast<int>(stage);
    if (!core::isFinal(stage))
        m_tiles[row].hasResult = false;
    emitChanged(row);
}

void TokenTileModel::setFinished(const core::JobResult &result)
{
    const int row = rowOf(result.serial);
    if (row < 0)
        return;
    Tile &t = m_tiles[row];
    t.stage = static_cast<int>(result.outcome);
    t.hasResult = true;
    t.result = result;
    emitChanged(row);
}

void TokenTileModel::clearResults()
{
    for (int row = static_cast<int>(m_tiles.size()) - 1; row >= 0; --row) {
        if (!m_tiles.at(row).present) {
            beginRemoveRows({}, row, row);
            m_tiles.removeAt(row);
            endRemoveRows();
            continue;
        }
        m_tiles[row].stage = -1;
        m_tiles[row].hasResult = false;
        m_tiles[row].result = {};
    }
    if (!m_tiles.isEmpty())
        Q_EMIT dataChanged(index(0), index(static_cast<int>(m_tiles.size()) - 1));
}

} // namespace ks::app
