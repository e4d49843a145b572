#pragma once

#include "core/JobTypes.h"
#include "core/KeyInfo.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

namespace ks::app {

// One row per key on the hub, in a stable order (slot id, then serial), fed by the watcher (plug, pull, PIN
// flags) and the batch runner (queued, progress, result). Rows are keyed by hardware serial: slot ids move.
class TokenTileModel : public QAbstractListModel
{
    Q_OBJECT

public:
    // What the tile's colour says.
    enum class Tone
    {
        Idle, // neutral: present, nothing running
        Busy, // blue: queued or a step running
        Attention, // amber: waiting or the key needs a person (PIN count low, final try, locked)
        Done, // green
        Failed, // red
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
        PresentRole, // false: pulled out while a step ran; the tile stays to show what happened
        NextStepRole, // one plain next step for the operator (a key the lot kept out), or empty
    };

    explicit TokenTileModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString &serial) const;
    QString serialAt(int row) const;
    bool hasResult(const QString &serial) const;
    core::JobResult result(const QString &serial) const;
    int count(Tone tone) const;

    // The 1-based tile number the operator sees ("Key 3"), or 0.
    int keyNumber(const QString &serial) const;

    static int progressOf(core::JobStage stage);

public Q_SLOTS:
    void addToken(const ks::core::KeyInfo &token);
    void changeToken(const ks::core::KeyInfo &token);
    void removeToken(const ks::core::KeyInfo &token);
    void setQueued(const QString &serial);
    void setProgress(const QString &serial, ks::core::JobStage stage);
    void setFinished(const ks::core::JobResult &result);
    void clearResults(); // a new batch starts: results go, tiles of pulled keys go

private:
    struct Tile
    {
        core::KeyInfo token;
        bool present = true;
        int stage = -1;
        bool hasResult = false;
        core::JobResult result;
    };

    Tone toneOf(const Tile &tile) const;
    QString attentionText(const core::KeyInfo &token) const;
    QString stageText(const Tile &tile) const;
    void emitChanged(int row);
    int insertionRow(const core::KeyInfo &token) const;

    QList<Tile> m_tiles;
};

} // namespace ks::app
