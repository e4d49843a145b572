#pragma once

#include "core/JournalTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace ks::app {

// One row per key attempt of the batch log. Filtering happens in the journal (AttemptFilter); a
// QSortFilterProxyModel on top sorts by SortRole, which holds raw values (times, durations) rather than text.
class AttemptTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Batch,
        Operator,
        Serial,
        Model,
        Result,
        FailedStep,
        Error,
        CertSerial,
        Expiry,
        Duration,
        ColumnCount
    };
    enum Roles
    {
        SortRole = Qt::UserRole + 1,
        AttemptIdRole,
        StateRole, // the stable state name: "done", "failed", ...
    };

    explicit AttemptTableModel(QObject *parent = nullptr);

    void setAttempts(QList<core::AttemptRecord> attempts);
    const QList<core::AttemptRecord> &attempts() const { return m_attempts; }
    const core::AttemptRecord *attempt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Text of one cell as shown (also used by the PDF report).
    static QString cellText(const core::AttemptRecord &a, int column);
    static QString columnTitle(int column);

private:
    static QVariant sortValue(const core::AttemptRecord &a, int column);

    QList<core::AttemptRecord> m_attempts;
};

} // namespace ks::app
