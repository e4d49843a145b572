#include "LogFilterBar.h"

#include "LogText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

namespace ks::app {

namespace {

QDateTimeEdit *makeDateEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QDateTimeEdit(QDateTime::currentDateTime(), parent);
    edit->setObjectName(name);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setCalendarPopup(true);
    edit->setEnabled(false);
    return edit;
}

} // namespace

LogFilterBar::LogFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_batch(new QComboBox(this))
    , m_fromOn(new QCheckBox(tr("From"), this))
    , m_from(makeDateEdit(this, QStringLiteral("fromEdit")))
    , m_toOn(new QCheckBox(tr("to"), this))
    , m_to(makeDateEdit(this, QStringLiteral("toEdit")))
    , m_operator(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_serial(new QLineEdit(this))
    , m_debounce(new QTimer(this))
{
    m_batch->setObjectName(QStringLiteral("batchCombo"));
    m_batch->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_batch->setMinimumContentsLength(24);
    m_fromOn->setObjectName(QStringLiteral("fromCheck"));
    m_toOn->setObjectName(QStringLiteral("toCheck"));
    m_operator->setObjectName(QStringLiteral("operatorCombo"));
    m_operator->setMinimumContentsLength(10);
    m_state->setObjectName(QStringLiteral("stateCombo"));
    m_serial->setObjectName(QStringLiteral("serialEdit"));
    m_serial->setPlaceholderText(tr("Hardware serial contains…"));
    m_serial->setClearButtonEnabled(true);
    m_serial->setMinimumWidth(180);

    m_batch->addItem(tr("All batches"), QString());
    m_operator->addItem(tr("All operators"), QString());
    m_state->addItem(tr("All results"), QString());
    // "Done" is a key provisioned here; "Already provisioned" a key that held the profile's certificate.
    for (const QString &state :
         { QStringLiteral("done"), LogText::alreadyProvisionedState(), QStringLiteral("failed"),
           QStringLiteral("cancelled"), QStringLiteral("interrupted"), QStringLiteral("running") })
        m_state->addItem(LogText::stateTitle(state), state);

    // Two rows, so the log fits a 1024-pixel-wide panel: what to show, then when.
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    auto *layout = new QHBoxLayout;
    layout->addWidget(new QLabel(tr("Batch"), this));
    layout->addWidget(m_batch);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Operator"), this));
    layout->addWidget(m_operator);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Result"), this));
    layout->addWidget(m_state);
    layout->addSpacing(8);
    layout->addWidget(m_serial, 1);
    auto *when = new QHBoxLayout;
    when->addWidget(m_fromOn);
    when->addWidget(m_from);
    when->addWidget(m_toOn);
    when->addWidget(m_to);
    when->addStretch(1);
    rows->addLayout(layout);
    rows->addLayout(when);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &LogFilterBar::changed);
    for (QComboBox *combo : { m_batch, m_operator, m_state })
        connect(combo, &QComboBox::currentIndexChanged, this, &LogFilterBar::changed);
    connect(m_fromOn, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toOn, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromOn, &QCheckBox::toggled, this, &LogFilterBar::changed);
    connect(m_toOn, &QCheckBox::toggled, this, &LogFilterBar::changed);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &LogFilterBar::changedLater);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &LogFilterBar::changedLater);
    connect(m_serial, &QLineEdit::textChanged, this, &LogFilterBar::changedLater);
}

void LogFilterBar::changed()
{
    m_debounce->stop();
    if (!m_quiet)
        emit filterChanged();
}

void LogFilterBar::changedLater()
{
    if (!m_quiet)
        m_debounce->start();
}

core::AttemptFilter LogFilterBar::filter() const
{
    core::AttemptFilter f;
    f.batchId = m_batch->currentData().toString();
    if (m_fromOn->isChecked())
        f.from = m_from->dateTime();
    if (m_toOn->isChecked())
        f.to = m_to->dateTime();
    f.operatorName = m_operator->currentData().toString();
    f.state = m_state->currentData().toString();
    f.serialContains = m_serial->text().trimmed();
    return f;
}

void LogFilterBar::selectData(QComboBox *combo, const QString &data)
{
    int index = combo->findData(data);
    if (index < 0 && !data.isEmpty()) {
        // A filter for a batch or operator not listed (yet): keep it selectable rather than drop it.
        combo->addItem(data, data);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(std::max(0, index));
}

void LogFilterBar::setFilter(const core::AttemptFilter &f)
{
    m_quiet = true;
    selectData(m_batch, f.batchId);
    m_fromOn->setChecked(f.from.isValid());
    if (f.from.isValid())
        m_from->setDateTime(f.from.toLocalTime());
    m_toOn->setChecked(f.to.isValid());
    if (f.to.isValid())
        m_to->setDateTime(f.to.toLocalTime());
    selectData(m_operator, f.operatorName);
    selectData(m_state, f.state);
    m_serial->setText(f.serialContains);
    m_debounce->stop();
    m_quiet = false;
}

QString LogFilterBar::batchLabel(const core::BatchRecord &b)
{
    return tr("%1 · %2 · %3")
        .arg(QDateTime::fromMSecsSinceEpoch(b.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
             b.operatorName, b.id.left(8));
}

void LogFilterBar::setBatches(const QList<core::BatchRecord> &batches)
{
    m_quiet = true;
    const QString batch = m_batch->currentData().toString();
    const QString op = m_operator->currentData().toString();
    m_batch->clear();
    m_batch->addItem(tr("All batches"), QString());
    // Newest first: a supervisor usually looks at today's batches.
    QStringList operators;
    for (auto it = batches.crbegin(); it != batches.crend(); ++it) {
        m_batch->addItem(batchLabel(*it), it->id);
        if (!operators.contains(it->operatorName))
            operators << it->operatorName;
    }
    operators.sort(Qt::CaseInsensitive);
    m_operator->clear();
    m_operator->addItem(tr("All operators"), QString());
    for (const QString &name : std::as_const(operators))
        m_operator->addItem(name, name);
    selectData(m_batch, batch);
    selectData(m_operator, op);
    m_quiet = false;
}

QString LogFilterBar::summary() const
{
    const core::AttemptFilter f = filter();
    QStringList parts;
    if (!f.batchId.isEmpty())
        parts << tr("batch %1").arg(m_batch->currentText());
    if (f.from.isValid())
        parts << tr("from %1").arg(f.from.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (f.to.isValid())
        parts << tr("before %1").arg(f.to.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (!f.operatorName.isEmpty())
        parts << tr("operator %1").arg(f.operatorName);
    if (!f.state.isEmpty())
        parts << tr("result %1").arg(LogText::stateTitle(f.state));
    if (!f.serialContains.isEmpty())
        parts << tr("serial contains \"%1\"").arg(f.serialContains);
    return parts.isEmpty() ? tr("All attempts") : parts.join(QStringLiteral(", "));
}

} // namespace ks::app
