#include "StepEventModel.h"

#include "LogColors.h"
#include "LogText.h"

#include <QBrush>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace ks::app {

StepEventModel::StepEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QList<StepEventModel::Row> StepEventModel::pairSteps(const QList<core::EventRecord> &events)
{
    QList<Row> rows;
    QHash<QString, qint64> started; // step -> time of its open "before"
    for (const core::EventRecord &e : events) {
        Row row { e, -1 };
        if (e.kind == QLatin1String("step")) {
            if (e.phase == QLatin1String("before")) {
                started.insert(e.step, e.tsMs);
            } else if (auto it = started.find(e.step); it != started.end()) {
                row.tookMs = e.tsMs - it.value();
                started.erase(it);
            }
        } else if (e.kind == QLatin1String("attempt")) {
            if (e.phase == QLatin1String("begin"))
                started.insert(QStringLiteral("\x01attempt"), e.tsMs);
            else if (auto it = started.find(QStringLiteral("\x01attempt")); it != started.end())
                row.tookMs = e.tsMs - it.value();
        }
        rows << row;
    }
    return rows;
}

void StepEventModel::setEvents(const QList<core::EventRecord> &events)
{
    beginResetModel();
    m_rows = pairSteps(events);
    endResetModel();
}

int StepEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StepEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StepEventModel::detailText(const core::EventRecord &e)
{
    const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
    auto s = [&](const char *key) { return d.value(QLatin1String(key)).toString(); };
    if (e.phase == QLatin1String("failed") || !s("errorCode").isEmpty()) {
        const QString code = s("code").isEmpty() ? s("errorCode") : s("code");
        const QString message = s("message").isEmpty() ? s("errorMessage") : s("message");
        QString text = LogText::errorTitle(code);
        if (!message.isEmpty())
            text += QStringLiteral(": ") + message;
        if (!s("ckr").isEmpty())
            text += QStringLiteral(" [%1]").arg(s("ckr"));
        return text;
    }
    QStringList parts;
    if (!s("model").isEmpty())
        parts << tr("model %1").arg(s("model"));
    if (!s("keyId").isEmpty())
        parts << tr("key pair %1").arg(s("keyId"));
    if (!s("certSerial").isEmpty())
        parts << tr("certificate %1").arg(s("certSerial"));
    if (d.contains(QLatin1String("certNotAfter")))
        parts
            << tr("expires %1").arg(LogText::date(qint64(d.value(QLatin1String("certNotAfter")).toDouble())));
    return parts.join(QStringLiteral(", "));
}

QVariant StepEventModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const core::EventRecord &e = row.event;
    const bool failed = e.phase == QLatin1String("failed");
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(e.tsMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Step:
            return LogText::stepTitle(e.step);
        case Phase:
            return LogText::phaseTitle(e.phase);
        case Took:
            return row.tookMs >= 0 ? LogText::duration(row.tookMs) : QString();
        case Detail:
            return detailText(e);
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && (failed || e.phase == QLatin1String("cancelled")))
        return QBrush(LogColors::failureText());
    if (role == Qt::ForegroundRole && e.phase == QLatin1String("done"))
        return QBrush(LogColors::intact());
    // The raw JSON may hold a whole certificate: the tooltip repeats the words, for truncated cells.
    if (role == Qt::ToolTipRole && index.column() == Detail)
        return detailText(e);
    if (role == Qt::TextAlignmentRole && index.column() == Took)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant StepEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Step:
        return tr("Step");
    case Phase:
        return tr("Phase");
    case Took:
        return tr("Took");
    case Detail:
        return tr("Detail");
    default:
        return {};
    }
}

} // namespace ks::app
