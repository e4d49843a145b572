#include "AttemptTableModel.h"

#include "LogColors.h"
#include "LogText.h"

#include <QBrush>
#include <QFont>

namespace ks::app {

AttemptTableModel::AttemptTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AttemptTableModel::setAttempts(QList<core::AttemptRecord> attempts)
{
    beginResetModel();
    m_attempts = std::move(attempts);
    endResetModel();
}

const core::AttemptRecord *AttemptTableModel::attempt(int row) const
{
    return row >= 0 && row < m_attempts.size() ? &m_attempts[row] : nullptr;
}

int AttemptTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int AttemptTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AttemptTableModel::columnTitle(int column)
{
    switch (column) {
    case Time:
        return tr("Started");
    case Batch:
        return tr("Batch");
    case Operator:
        return tr("Operator");
    case Serial:
        return tr("Hardware serial");
    case Model:
        return tr("Model");
    case Result:
        return tr("Result");
    case FailedStep:
        return tr("Failed at");
    case Error:
        return tr("Error");
    case CertSerial:
        return tr("Certificate serial");
    case Expiry:
        return tr("Expires");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

QString AttemptTableModel::cellText(const core::AttemptRecord &a, int column)
{
    const bool failed = a.state == QLatin1String("failed") || a.state == QLatin1String("cancelled")
        || a.state == QLatin1String("interrupted");
    switch (column) {
    case Time:
        return LogText::dateTime(a.startedMs);
    case Batch:
        return a.batchId.left(8);
    case Operator:
        return a.operatorName;
    case Serial:
        return a.serial;
    case Model:
        return a.model;
    case Result:
        return LogText::stateTitle(LogText::shownState(a));
    case FailedStep:
        return failed ? LogText::stepTitle(a.lastStep) : QString();
    case Error:
        if (!failed)
            return {};
        // The engine's message is already operator-readable; the code's title leads so rows scan quickly.
        return a.errorMessage.isEmpty()
            ? LogText::errorTitle(a.errorCode)
            : LogText::errorTitle(a.errorCode) + QStringLiteral(": ") + a.errorMessage;
    case CertSerial:
        return a.certSerialHex;
    case Expiry:
        return LogText::date(a.certNotAfterMs);
    case Duration:
        return a.endedMs ? LogText::duration(a.endedMs - a.startedMs) : QString();
    default:
        return {};
    }
}

QVariant AttemptTableModel::sortValue(const core::AttemptRecord &a, int column)
{
    switch (column) {
    case Time:
        return a.startedMs;
    case Expiry:
        return a.certNotAfterMs;
    case Duration:
        return a.endedMs ? a.endedMs - a.startedMs : -1;
    default:
        return cellText(a, column);
    }
}

QVariant AttemptTableModel::data(const QModelIndex &index, int role) const
{
    const core::AttemptRecord *a = index.isValid() ? attempt(index.row()) : nullptr;
    if (!a)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return cellText(*a, index.column());
    case SortRole:
        return sortValue(*a, index.column());
    case AttemptIdRole:
        return a->id;
    case StateRole:
        return a->state;
    case Qt::ToolTipRole:
        if (index.column() == Batch)
            return a->batchId;
        if (index.column() == Error)
            return a->errorMessage;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Result)
            return QBrush(LogColors::stateForeground(LogText::shownState(*a)));
        if (index.column() == Error || index.column() == FailedStep)
            return QBrush(LogColors::failureText());
        return {};
    case Qt::BackgroundRole:
        return index.column() == Result
            ? QVariant(QBrush(LogColors::stateBackground(LogText::shownState(*a))))
            : QVariant();
    case Qt::FontRole:
        if (index.column() == Result || index.column() == Serial) {
            QFont f;
            f.setBold(index.column() == Result);
            if (index.column() == Serial)
                f.setFamily(QStringLiteral("monospace"));
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Duration ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant AttemptTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return columnTitle(section);
    return {};
}

} // namespace ks::app
