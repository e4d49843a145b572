#include "BatchLogCharts.h"

#include "LogColors.h"
#include "LogText.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace ks::app {

namespace {

QChartView *makeView(QWidget *parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    QFont title = chart->titleFont();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.1);
    chart->setTitleFont(title);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, 200);
    return view;
}

void clear(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

// Whole-number ticks: a count axis showing 2.5 keys reads as a bug.
QValueAxis *countAxis(int maximum, const QString &title)
{
    auto *axis = new QValueAxis;
    const int top = std::max(1, maximum);
    const int step = std::max(1, (top + 4) / 5);
    axis->setRange(0, ((top + step - 1) / step) * step);
    axis->setTickCount(std::min(top, 5) + 1);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setTitleText(title);
    return axis;
}

} // namespace

BatchLogCharts::BatchLogCharts(QWidget *parent)
    : QWidget(parent)
    , m_rateView(makeView(this))
    , m_failureView(makeView(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rateView, 1);
    layout->addWidget(m_failureView, 1);
    setStats({}, {});
}

QChart *BatchLogCharts::keysPerMinuteChart() const
{
    return m_rateView->chart();
}

QChart *BatchLogCharts::failuresChart() const
{
    return m_failureView->chart();
}

void BatchLogCharts::setStats(const BatchLogStats &stats, const QString &batchLabel)
{
    fillKeysPerMinute(stats, batchLabel);
    fillFailures(stats);
}

void BatchLogCharts::fillKeysPerMinute(const BatchLogStats &stats, const QString &batchLabel)
{
    QChart *chart = keysPerMinuteChart();
    clear(chart);
    chart->setTitle(batchLabel.isEmpty() ? tr("Keys per minute")
                                         : tr("Keys per minute — %1").arg(batchLabel));
    auto *set = new QBarSet(tr("Keys done"));
    set->setColor(LogColors::intact());
    set->setBorderColor(LogColors::intact());
    QStringList minutes;
    int top = 0;
    for (qsizetype i = 0; i < stats.keysPerMinute.size(); ++i) {
        *set << stats.keysPerMinute[i];
        minutes << QString::number(i + 1);
        top = std::max(top, stats.keysPerMinute[i]);
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.8);
    series->setLabelsVisible(stats.keysPerMinute.size() <= 20);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    set->setLabelColor(Qt::white);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(minutes.isEmpty() ? QStringList { QString() } : minutes);
    x->setTitleText(tr("Minute of the batch"));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    // No title on this vertical axis: the chart's title names the unit, and Qt Charts elides a rotated title
    // in Chinese to a lone "⋮" (the axis is sized too narrow for the CJK fallback font's line height).
    QValueAxis *y = countAxis(top, QString());
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
}

void BatchLogCharts::fillFailures(const BatchLogStats &stats)
{
    QChart *chart = failuresChart();
    clear(chart);
    chart->setTitle(tr("Failed keys by reason"));
    auto *set = new QBarSet(tr("Failed keys"));
    set->setColor(LogColors::broken());
    set->setBorderColor(LogColors::broken());
    set->setLabelColor(Qt::white);
    QStringList reasons;
    int top = 0;
    // Horizontal bars fill from the bottom: reverse so the most frequent reason is on top.
    for (auto it = stats.failuresByReason.crbegin(); it != stats.failuresByReason.crend(); ++it) {
        *set << it->second;
        reasons << LogText::errorTitle(it->first);
        top = std::max(top, it->second);
    }
    QObject::connect(set, &QBarSet::hovered, set, [set, reasons](bool over, int index) {
        if (over && index >= 0 && index < reasons.size())
            QToolTip::showText(QCursor::pos(), tr("%1: %2 keys").arg(reasons[index]).arg(set->at(index)));
        else
            QToolTip::hideText();
    });
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(reasons.isEmpty() ? QStringList { tr("No failures") } : reasons);
    // Qt Charts elides a reason that does not fit to "...": a smaller font keeps them readable on a 1024 px
    // panel, and the full reason is the bar's tool tip.
    QFont labels = y->labelsFont();
    labels.setPointSizeF(labels.pointSizeF() * 0.85);
    y->setLabelsFont(labels);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    QValueAxis *x = countAxis(top, tr("Keys"));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
}

} // namespace ks::app
