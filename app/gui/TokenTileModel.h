#pragma once

#include "core/JobTypes.h"
#include "core/KeyInfo.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QSet>
#include <QTimer>

namespace ks::app {

// One row per hub port (a socket), in a fixed order: the bench mirrors the hub. A socket is a port identity
// from the device layer (core::KeyInfo::port: PC/SC reader, simulated hub port, slot description) and holds
// the key plugged in it, or nothing (an empty socket). The order is the configured layout (setLayout), else
// the ports seen, in natural order ("port 2" before "port 10"); once a batch has started, a port seen for the
// first time is added at the end, so no socket moves while the operator works. A port once seen keeps its
// socket for the session. The number the operator sees ("Port 3") is the socket's position, 1-based.
// Fed by the watcher (plug, pull, PIN flags) and the batch runner (queued, progress, result); keys are found
// by hardware serial.
class TokenTileModel : public QAbstractListModel
{
    Q_OBJECT

public:
    // What the tile's colour says.
    enum class Tone
    {
        Idle, // neutral: present, nothing running
        Busy, // blue: queued or a step running
        Attention, // amber: the key needs a person (PIN flags, pulled mid-step, timed out, refused by policy)
        Done, // green
        Failed, // red: retry it
        Already, // teal: it already held this profile's certificate; nothing was done (not counted as done)
        Empty, // an empty socket
    };
    Q_ENUM(Tone)

    enum Role
    {
        SerialRole = Qt::UserRole + 1,
        ModelRole,
        LabelRole,
        SlotRole,
        StageRole, // ks::core::JobStage as int, -1 when the key was never queued
        StageTextRole,
        ProgressRole, // 0..100
        ToneRole, // Tone as int
        ErrorCodeRole,
        ErrorTextRole,
        CertSerialRole,
        CertNotAfterRole,
        AttentionTextRole, // PIN flags in plain words, or empty
        ResultRole, // QVariant<JobResult> once finished
        PresentRole, // false: an empty socket, or a key pulled out while a step ran (the tile shows it)
        NextStepRole, // one plain thing for the operator to do next, or empty
        PortRole, // the port identity (core::KeyInfo::port)
        PortNumberRole, // the number the operator sees, 1-based
        WordRole, // ONE word for the state: DONE, FAILED, CHECK, WORKING, READY, EMPTY, ...
        StepSecondsRole, // seconds the current step has run, -1 when no step runs
        SkippingRole, // Skip asked, the key not yet stopped
    };

    explicit TokenTileModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The layout: which port identity sits at which position (an empty entry is an unused socket); ports not
    // in the list get sockets after it. Empty list: the ports seen, in natural order.
    void setLayout(const QStringList &ports);
    QStringList layout() const { return m_layout; }
    // The sockets' port identities in row order (empty: an unused position).
    QStringList ports() const;
    // Seats empty sockets for these ports in this order, as an earlier bench had them
    // (core::Station::portOrder), and keeps the order: ports seen later go at the end. Before any key is
    // added; no effect under a layout.
    void restorePorts(const QStringList &ports);

    int rowOf(const QString &serial) const; // the socket holding the key, or -1
    int rowOfPort(const QString &port) const;
    QString serialAt(int row) const; // empty for an empty socket
    bool hasResult(const QString &serial) const;
    core::JobResult result(const QString &serial) const;
    int count(Tone tone) const; // sockets of that tone (Empty: empty sockets)
    int keyCount() const; // sockets holding a key (a key pulled mid-step included)

    // The port number the operator sees ("Port 3"), or 0.
    int keyNumber(const QString &serial) const;

    static int progressOf(core::JobStage stage);
    // "port 2" < "port 10": runs of digits compare as numbers.
    static bool naturalLess(const QString &a, const QString &b);

Q_SIGNALS:
    // Once a second while steps run: the step clocks (StepSecondsRole) of rows first..last moved on. Not a
    // dataChanged, so the bench's counts and banners are not recomputed each second; PortGridView repaints.
    void stepClocksTicked(int first, int last);

public Q_SLOTS:
    void addToken(const ks::core::KeyInfo &token);
    void changeToken(const ks::core::KeyInfo &token);
    void removeToken(const ks::core::KeyInfo &token);
    void setQueued(const QString &serial);
    void setProgress(const QString &serial, ks::core::JobStage stage);
    void setFinished(const ks::core::JobResult &result);
    // Skip was asked for this key: the tile says "Skipping…" until its Cancelled result arrives.
    void setSkipping(const QString &serial);
    void clearResults(); // a new batch starts: results go, keys pulled out leave their sockets empty
    // The keys that go again by themselves when the CA answers (core::CaStatus::keysWaiting): their tiles say
    // so. A key the CA was away for that is not among them (its automatic retries used up, or no CA monitor)
    // says what to do instead.
    void setKeysWaitingForCa(const QStringList &serials);

private:
    struct Tile
    {
        core::KeyInfo token;
        bool present = true;
        int stage = -1;
        qint64 stepStartedMs = 0; // m_clock time the current stage began
        bool skipping = false;
        bool hasResult = false;
        core::JobResult result;
    };
    struct Socket
    {
        QString port; // empty: an unused position of the layout
        bool hasTile = false;
        Tile tile;
    };

    Tone toneOf(const Socket &socket) const;
    QString wordOf(const Socket &socket) const;
    QString nextStepOf(const Socket &socket) const;
    QString attentionText(const core::KeyInfo &token) const;
    QString stageText(const Tile &tile) const;
    static bool running(const Tile &tile);
    void emitChanged(int row);
    int socketFor(const QString &port); // finds or adds the port's socket
    QString portOf(const core::KeyInfo &token) const; // the socket's port identity for this key
    void tick(); // once a second while a step runs: the step clocks
    void updateTicker();

    QList<Socket> m_sockets;
    QStringList m_layout;
    QSet<QString> m_waitingForCa;
    bool m_settled = false; // a batch started: new ports go at the end
    QElapsedTimer m_clock;
    QTimer m_ticker;
};

} // namespace ks::app
