#include "TokenTileModel.h"

#include "UiText.h"
#include "core/Station.h"

#include <algorithm>

namespace ks::app {

using core::JobStage;

TokenTileModel::TokenTileModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_clock.start();
    // One timer for every tile's step clock; it runs only while a step runs (tick).
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &TokenTileModel::tick);
}

int TokenTileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_sockets.size());
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
        { PortRole, "port" },
        { PortNumberRole, "portNumber" },
        { WordRole, "word" },
        { StepSecondsRole, "stepSeconds" },
        { SkippingRole, "skipping" },
    };
}

bool TokenTileModel::naturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a.at(ei).isDigit())
                ++ei;
            while (ej < b.size() && b.at(ej).isDigit())
                ++ej;
            // Compare the numbers without converting them (no overflow): leading zeros off, then length.
            QStringView na = QStringView(a).mid(i, ei - i), nb = QStringView(b).mid(j, ej - j);
            while (na.size() > 1 && na.front() == QLatin1Char('0'))
                na = na.mid(1);
            while (nb.size() > 1 && nb.front() == QLatin1Char('0'))
                nb = nb.mid(1);
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (const int c = na.compare(nb); c != 0)
                return c < 0;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a.at(i).toLower(), cb = b.at(j).toLower();
        if (ca != cb)
            return ca < cb;
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j)
        return a.size() - i < b.size() - j;
    return a < b;
}

QVariant TokenTileModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_sockets.size())
        return {};
    const Socket &s = m_sockets.at(index.row());
    const int number = index.row() + 1;
    switch (role) {
    case Qt::DisplayRole:
        return tr("Port %1").arg(number);
    case PortRole:
        return s.port;
    case PortNumberRole:
        return number;
    case ToneRole:
        return static_cast<int>(toneOf(s));
    case WordRole:
        return wordOf(s);
    case NextStepRole:
        return nextStepOf(s);
    case PresentRole:
        return s.hasTile && s.tile.present;
    default:
        break;
    }
    if (!s.hasTile) {
        switch (role) {
        case Qt::ToolTipRole:
            return s.port.isEmpty() ? tr("Unused position") : tr("%1: no key").arg(s.port);
        case StageRole:
        case StepSecondsRole:
            return -1;
        case ProgressRole:
            return 0;
        case StageTextRole:
            return tr("Empty");
        case SkippingRole:
            return false;
        default:
            return {};
        }
    }
    const Tile &t = s.tile;
    switch (role) {
    case Qt::ToolTipRole:
        return tr("%1, serial %2, slot %3, %4")
            .arg(t.token.model, t.token.serial)
            .arg(t.token.slot)
            .arg(s.port);
    case SerialRole:
        return t.token.serial;
    case ModelRole:
        return t.token.model;
    case LabelRole:
        return t.token.label;
    case SlotRole:
        return QVariant::fromValue(static_cast<qulonglong>(t.token.slot));
    case StageRole:
        return t.stage;
    case StageTextRole:
        return stageText(t);
    case ProgressRole:
        return t.stage < 0 ? 0 : progressOf(static_cast<JobStage>(t.stage));
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
    case StepSecondsRole:
        return running(t) && static_cast<JobStage>(t.stage) != JobStage::Queued
            ? static_cast<int>((m_clock.elapsed() - t.stepStartedMs) / 1000)
            : -1;
    case SkippingRole:
        return t.skipping;
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

bool TokenTileModel::running(const Tile &t)
{
    return !t.hasResult && t.stage >= 0 && !core::isFinal(static_cast<JobStage>(t.stage));
}

TokenTileModel::Tone TokenTileModel::toneOf(const Socket &s) const
{
    if (!s.hasTile)
        return Tone::Empty;
    const Tile &t = s.tile;
    if (t.hasResult) {
        if (t.result.ok())
            return t.result.alreadyProvisioned ? Tone::Already : Tone::Done;
        // Amber: a person decides before this key goes on (core's one table: PIN flags, pulled mid-step,
        // timed out, refused by the CA's or the lot's policy, another certificate on it); a skipped key waits
        // too.
        if (t.result.outcome == JobStage::Cancelled || t.result.error.needsPerson()
            || t.result.error.kind == core::JobError::Kind::ForeignCertificate
            || t.result.error.isLotRefusal())
            return Tone::Attention;
        return Tone::Failed;
    }
    if (!t.present)
        return Tone::Attention;
    if (running(t))
        return Tone::Busy;
    if (t.token.pinLocked || t.token.pinFinalTry || t.token.pinCountLow || !t.token.initialized)
        return Tone::Attention;
    return Tone::Idle;
}

QString TokenTileModel::wordOf(const Socket &s) const
{
    if (!s.hasTile)
        return tr("EMPTY");
    const Tile &t = s.tile;
    if (t.hasResult) {
        if (t.result.ok())
            return t.result.alreadyProvisioned ? tr("ALREADY DONE") : tr("DONE");
        if (t.result.outcome == JobStage::Cancelled)
            return tr("SKIPPED");
        return toneOf(s) == Tone::Attention ? tr("CHECK") : tr("FAILED");
    }
    if (!t.present)
        return tr("PULLED");
    if (running(t)) {
        if (t.skipping)
            return tr("SKIPPING…");
        return static_cast<JobStage>(t.stage) == JobStage::Queued ? tr("WAITING") : tr("WORKING");
    }
    return toneOf(s) == Tone::Attention ? tr("CHECK") : tr("READY");
}

QString TokenTileModel::nextStepOf(const Socket &s) const
{
    if (!s.hasTile)
        return s.port.isEmpty() ? QString() : tr("Plug in a key");
    const Tile &t = s.tile;
    if (t.hasResult) {
        if (t.result.ok())
            return t.result.alreadyProvisioned ? tr("Nothing was changed: take the key out")
                                               : tr("Take the key out");
        // The station retries a key the CA was away for by itself, a bounded number of times
        // (core::Station::kMaxCaRetries): while it will, the operator only waits.
        if (m_waitingForCa.contains(t.token.serial) && core::Station::isCaAway(t.result.error))
            return tr("Leave the key in: it goes again by itself when the CA answers");
        return t.result.error.nextStep();
    }
    if (!t.present)
        return core::JobError(core::JobError::Kind::KeyRemoved).nextStep();
    if (running(t))
        return t.skipping ? tr("Wait: the key is being stopped") : tr("Leave the key in");
    // The PIN flags and an uninitialised key: the same words as the engine's refusal would give.
    using K = core::JobError::Kind;
    if (t.token.pinLocked)
        return core::JobError(K::PinLocked).nextStep();
    if (t.token.pinFinalTry)
        return core::JobError(K::PinFinalTry).nextStep();
    if (t.token.pinCountLow)
        return core::JobError(K::PinCountLow).nextStep();
    if (!t.token.initialized)
        return tr("Give this key to the supervisor: it is not initialised");
    return {};
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
            return tr("Skipped");
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
    if (serial.isEmpty())
        return -1;
    // A key pulled mid-step may still show in its old socket while it is back in another: the present one.
    int pulled = -1;
    for (int i = 0; i < m_sockets.size(); ++i) {
        const Socket &s = m_sockets.at(i);
        if (s.hasTile && s.tile.token.serial == serial) {
            if (s.tile.present)
                return i;
            pulled = i;
        }
    }
    return pulled;
}

int TokenTileModel::rowOfPort(const QString &port) const
{
    for (int i = 0; i < m_sockets.size(); ++i)
        if (m_sockets.at(i).port == port)
            return i;
    return -1;
}

QString TokenTileModel::serialAt(int row) const
{
    return row >= 0 && row < m_sockets.size() && m_sockets.at(row).hasTile
        ? m_sockets.at(row).tile.token.serial
        : QString();
}

bool TokenTileModel::hasResult(const QString &serial) const
{
    const int row = rowOf(serial);
    return row >= 0 && m_sockets.at(row).tile.hasResult;
}

core::JobResult TokenTileModel::result(const QString &serial) const
{
    const int row = rowOf(serial);
    return row >= 0 ? m_sockets.at(row).tile.result : core::JobResult {};
}

int TokenTileModel::count(Tone tone) const
{
    return static_cast<int>(std::count_if(m_sockets.cbegin(), m_sockets.cend(), [&](const Socket &s) {
        return (s.hasTile || !s.port.isEmpty()) && toneOf(s) == tone;
    }));
}

int TokenTileModel::keyCount() const
{
    return static_cast<int>(
        std::count_if(m_sockets.cbegin(), m_sockets.cend(), [](const Socket &s) { return s.hasTile; }));
}

int TokenTileModel::keyNumber(const QString &serial) const
{
    return rowOf(serial) + 1;
}

QStringList TokenTileModel::ports() const
{
    QStringList ports;
    for (const Socket &s : m_sockets)
        ports << s.port;
    return ports;
}

void TokenTileModel::restorePorts(const QStringList &ports)
{
    if (!m_layout.isEmpty() || ports.isEmpty())
        return;
    beginResetModel();
    for (const QString &port : ports) {
        if (port.isEmpty() || rowOfPort(port) >= 0)
            continue;
        Socket s;
        s.port = port;
        m_sockets << s;
    }
    m_settled = true;
    endResetModel();
}

void TokenTileModel::setLayout(const QStringList &ports)
{
    beginResetModel();
    // Keys keep their tiles: re-seated in the new layout's sockets.
    QList<Socket> old = m_sockets;
    m_sockets.clear();
    m_layout = ports;
    for (const QString &port : ports) {
        Socket s;
        s.port = port.trimmed();
        m_sockets << s;
    }
    for (const Socket &s : old) {
        if (s.port.isEmpty())
            continue;
        const int row = socketFor(s.port);
        m_sockets[row].hasTile = s.hasTile;
        m_sockets[row].tile = s.tile;
    }
    endResetModel();
}

int TokenTileModel::socketFor(const QString &port)
{
    if (const int row = rowOfPort(port); row >= 0)
        return row;
    // A new port: in natural order among the ports seen until a batch starts (or a layout is set); then at
    // the end, so no socket moves while the operator works.
    int row = static_cast<int>(m_sockets.size());
    if (!m_settled && m_layout.isEmpty()) {
        row = 0;
        while (row < m_sockets.size() && naturalLess(m_sockets.at(row).port, port))
            ++row;
    }
    beginInsertRows({}, row, row);
    Socket s;
    s.port = port;
    m_sockets.insert(row, s);
    endInsertRows();
    return row;
}

void TokenTileModel::setKeysWaitingForCa(const QStringList &serials)
{
    QSet<QString> waiting(serials.cbegin(), serials.cend());
    if (waiting == m_waitingForCa)
        return;
    const QSet<QString> changed = (waiting - m_waitingForCa) + (m_waitingForCa - waiting);
    m_waitingForCa = std::move(waiting);
    for (const QString &serial : changed) {
        const int row = rowOf(serial);
        if (row >= 0)
            emitChanged(row);
    }
}

void TokenTileModel::emitChanged(int row)
{
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
}

void TokenTileModel::tick()
{
    int first = -1, last = -1;
    for (int row = 0; row < m_sockets.size(); ++row) {
        const Socket &s = m_sockets.at(row);
        if (s.hasTile && running(s.tile) && static_cast<JobStage>(s.tile.stage) != JobStage::Queued) {
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0) // none while only queued keys wait
        Q_EMIT stepClocksTicked(first, last);
}

void TokenTileModel::updateTicker()
{
    const bool any = std::any_of(m_sockets.cbegin(), m_sockets.cend(),
                                 [](const Socket &s) { return s.hasTile && running(s.tile); });
    if (any && !m_ticker.isActive())
        m_ticker.start();
    else if (!any)
        m_ticker.stop();
}

QString TokenTileModel::portOf(const core::KeyInfo &token) const
{
    const QString port = token.port;
    const int row = rowOfPort(port);
    if (row < 0)
        return port;
    const Socket &s = m_sockets.at(row);
    if (!s.hasTile || !s.tile.present || s.tile.token.serial == token.serial)
        return port;
    // Another key present reports the same port (a module that describes every slot alike): a socket of its
    // own, so no key hides another.
    return QStringLiteral("%1 · slot %2").arg(port).arg(token.slot);
}

void TokenTileModel::addToken(const core::KeyInfo &token)
{
    const QString port = portOf(token);
    // The key moved to another port (or came back): its old socket is empty now.
    for (int other = 0; other < m_sockets.size(); ++other) {
        Socket &s = m_sockets[other];
        if (s.hasTile && s.tile.token.serial == token.serial && s.port != port) {
            s.hasTile = false;
            s.tile = {};
            emitChanged(other);
        }
    }
    const int row = socketFor(port);
    // A fresh start for this key (plugged back: its old result goes), and for the socket (a key pulled
    // mid-step from it is replaced by the one plugged in now).
    Socket &s = m_sockets[row];
    s.hasTile = true;
    s.tile = {};
    s.tile.token = token;
    emitChanged(row);
    updateTicker();
}

void TokenTileModel::changeToken(const core::KeyInfo &token)
{
    const int row = rowOf(token.serial);
    if (row < 0 || !m_sockets.at(row).tile.present) { // new, or back after a pull mid-step
        addToken(token);
        return;
    }
    m_sockets[row].tile.token = token; // PIN flags and the like; a key changes port only by a re-plug
    emitChanged(row);
}

void TokenTileModel::removeToken(const core::KeyInfo &token)
{
    const int row = rowOf(token.serial);
    if (row < 0)
        return;
    Socket &s = m_sockets[row];
    if (running(s.tile)) {
        // Pulled mid-step: the tile stays in its socket so the operator sees which key and, soon, why it
        // failed.
        s.tile.present = false;
    } else {
        s.hasTile = false;
        s.tile = {};
    }
    emitChanged(row);
    updateTicker();
}

void TokenTileModel::setQueued(const QString &serial)
{
    m_settled = true;
    const int row = rowOf(serial);
    if (row < 0)
        return;
    Tile &t = m_sockets[row].tile;
    t.stage = static_cast<int>(JobStage::Queued);
    t.stepStartedMs = m_clock.elapsed();
    t.skipping = false;
    t.hasResult = false;
    t.result = {};
    emitChanged(row);
    updateTicker();
}

void TokenTileModel::setProgress(const QString &serial, JobStage stage)
{
    m_settled = true;
    const int row = rowOf(serial);
    if (row < 0)
        return;
    Tile &t = m_sockets[row].tile;
    if (t.stage != static_cast<int>(stage))
        t.stepStartedMs = m_clock.elapsed();
    t.stage = static_cast<int>(stage);
    if (!core::isFinal(stage))
        t.hasResult = false;
    emitChanged(row);
    updateTicker();
}

void TokenTileModel::setFinished(const core::JobResult &result)
{
    const int row = rowOf(result.serial);
    if (row < 0)
        return;
    Tile &t = m_sockets[row].tile;
    t.stage = static_cast<int>(result.outcome);
    t.skipping = false;
    t.hasResult = true;
    t.result = result;
    emitChanged(row);
    updateTicker();
}

void TokenTileModel::setSkipping(const QString &serial)
{
    const int row = rowOf(serial);
    if (row < 0 || !running(m_sockets.at(row).tile))
        return;
    m_sockets[row].tile.skipping = true;
    emitChanged(row);
}

void TokenTileModel::clearResults()
{
    m_settled = true;
    for (Socket &s : m_sockets) {
        if (!s.hasTile)
            continue;
        if (!s.tile.present) {
            s.hasTile = false;
            s.tile = {};
            continue;
        }
        s.tile.stage = -1;
        s.tile.skipping = false;
        s.tile.hasResult = false;
        s.tile.result = {};
    }
    if (!m_sockets.isEmpty())
        Q_EMIT dataChanged(index(0), index(static_cast<int>(m_sockets.size()) - 1));
    updateTicker();
}

} // namespace ks::app
