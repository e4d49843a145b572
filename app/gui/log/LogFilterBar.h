#pragma once

#include "core/JournalTypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QTimer;

namespace ks::app {

// The batch log's filters (batch, time range, operator, result, serial search), read as one AttemptFilter
// that the journal applies. Typing is debounced so the journal is not asked on every key stroke.
class LogFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit LogFilterBar(QWidget *parent = nullptr);

    core::AttemptFilter filter() const;
    // Sets every control from filter without emitting filterChanged().
    void setFilter(const core::AttemptFilter &filter);
    // Fills the batch and operator choices, keeping the current selection where it still exists.
    void setBatches(const QList<core::BatchRecord> &batches);
    // One line for reports: "Batch 3f2a1b2c, result Failed, serial contains 'AB'" or "All attempts".
    QString summary() const;

    static QString batchLabel(const core::BatchRecord &batch);

signals:
    void filterChanged();

private:
    void changed();
    void changedLater();
    static void selectData(QComboBox *combo, const QString &data);

    QComboBox *m_batch;
    QCheckBox *m_fromOn;
    QDateTimeEdit *m_from;
    QCheckBox *m_toOn;
    QDateTimeEdit *m_to;
    QComboBox *m_operator;
    QComboBox *m_state;
    QLineEdit *m_serial;
    QTimer *m_debounce;
    bool m_quiet = false;
};

} // namespace ks::app
