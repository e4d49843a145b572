#pragma once

#include "core/JournalTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace ks::app {

// The journal events of one attempt, oldest first: each step's start and end, how long it took (from its
// "before" to its "after" or "failed" record) and what it reported.
class StepEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Step,
        Phase,
        Took,
        Detail,
        ColumnCount
    };

    struct Row
    {
        core::EventRecord event;
        qint64 tookMs = -1; // -1: not an end record or no matching start
    };

    explicit StepEventModel(QObject *parent = nullptr);

    void setEvents(const QList<core::EventRecord> &events);
    const QList<Row> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The interesting part of an event's JSON detail, in words ("certificate 4F2A…", "Wrong PIN: …").
    static QString detailText(const core::EventRecord &event);
    static QList<Row> pairSteps(const QList<core::EventRecord> &events);

private:
    QList<Row> m_rows;
};

} // namespace ks::app
