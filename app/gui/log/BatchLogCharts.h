#pragma once

#include "BatchLogStats.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace ks::app {

// Two Qt Charts side by side: keys finished per minute across one batch, and failures by reason.
class BatchLogCharts : public QWidget
{
    Q_OBJECT

public:
    explicit BatchLogCharts(QWidget *parent = nullptr);

    // batchLabel names the batch keysPerMinute is about ("alice, 2026-11-23 14:02").
    void setStats(const BatchLogStats &stats, const QString &batchLabel);

    QChart *keysPerMinuteChart() const;
    QChart *failuresChart() const;

private:
    void fillKeysPerMinute(const BatchLogStats &stats, const QString &batchLabel);
    void fillFailures(const BatchLogStats &stats);

    QChartView *m_rateView;
    QChartView *m_failureView;
};

} // namespace ks::app
