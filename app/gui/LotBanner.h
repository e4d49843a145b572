#pragma once

#include "core/Lot.h"

#include <QFrame>
#include <QFuture>
#include <QList>

#include <optional>

class QLabel;
class QTimer;

namespace ks::core {
class Journal;
}

namespace ks::app {

// The bench's lot banner: the active lot's id, customer and model, and its counts from the journal ("done
// X / Q, failed F, refused R, remaining N, first-pass yield P %, K keys/h"). The counts are read on a worker
// thread (the journal is thread-safe) after each key and on a timer, because other stations share the
// journal; the GUI thread never waits for the database. Hidden while no lot is active.
class LotBanner : public QFrame
{
    Q_OBJECT

public:
    // journal must outlive the banner and the queries it started (the banner does not wait for them).
    explicit LotBanner(core::Journal *journal, QWidget *parent = nullptr);
    // Returns at once: a count still being read is dropped.
    ~LotBanner() override;

    void setLot(const std::optional<core::LotManifest> &lot);
    const std::optional<core::LotManifest> &lot() const { return m_lot; }
    // The last counts read, when there are any for the active lot.
    const std::optional<core::LotCounts> &counts() const { return m_counts; }
    QString titleText() const;
    QString countsText() const;
    void setRefreshIntervalMs(int ms);

public Q_SLOTS:
    // Reads the counts again (countsUpdated follows; a newer request supersedes an older one).
    void refresh();

Q_SIGNALS:
    void countsUpdated(const ks::core::LotCounts &counts);
    void countsFailed(const QString &message);

private:
    void showCounts(quint64 generation, const QString &error, const core::LotCounts &counts);

    core::Journal *m_journal;
    std::optional<core::LotManifest> m_lot;
    std::optional<core::LotCounts> m_counts;
    QLabel *m_title;
    QLabel *m_line;
    QTimer *m_timer;
    quint64 m_generation = 0;
};

} // namespace ks::app
