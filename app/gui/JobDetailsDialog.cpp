#include "JobDetailsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ks::app {

JobDetailsDialog::JobDetailsDialog(const core::JobResult &r, int keyNumber, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Port %1 — details").arg(keyNumber));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto value = [](const QString &s) {
        auto *l = new QLabel(s);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        return l;
    };
    form->addRow(tr("Hardware serial:"), value(r.serial));
    form->addRow(tr("Model:"), value(r.model));
    QString outcome;
    if (r.ok())
        outcome = r.alreadyProvisioned ? tr("Already provisioned") : tr("Done");
    else if (r.outcome == core::JobStage::Cancelled)
        outcome = tr("Cancelled");
    else
        outcome = tr("Failed while: %1").arg(core::jobStageTitle(r.failedAt));
    form->addRow(tr("Outcome:"), value(outcome));
    if (!r.ok() && !r.errorMessage.isEmpty())
        form->addRow(tr("Reason:"),
                     value(r.errorMessage + QStringLiteral(" (") + r.errorCode() + QLatin1Char(')')));
    if (!r.ok() && !r.error.nextStep().isEmpty())
        form->addRow(tr("Next step:"), value(r.error.nextStep()));
    if (!r.certSerialHex.isEmpty()) {
        form->addRow(tr("Certificate serial:"), value(r.certSerialHex));
        form->addRow(tr("Valid until:"),
                     value(QLocale().toString(r.certNotAfter.toLocalTime(), QLocale::LongFormat)));
    }
    form->addRow(tr("Total time:"), value(tr("%1 s").arg(r.elapsedMs / 1000.0, 0, 'f', 2)));
    QStringList notes;
    if (r.resumed)
        notes << tr("resumed an earlier attempt");
    if (r.generatedKey)
        notes << tr("key pair generated on the key");
    if (r.enrolled)
        notes << tr("certificate requested from the CA");
    if (!notes.isEmpty())
        form->addRow(tr("Notes:"), value(notes.join(QStringLiteral(", "))));
    layout->addLayout(form);

    auto *table = new QTableWidget(static_cast<int>(r.steps.size()), 4, this);
    table->setObjectName(QStringLiteral("stepsTable"));
    table->setHorizontalHeaderLabels({ tr("Step"), tr("Started"), tr("Took"), tr("Result") });
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < r.steps.size(); ++i) {
        const auto &s = r.steps.at(i);
        table->setItem(i, 0, new QTableWidgetItem(core::jobStageTitle(s.stage)));
        table->setItem(i, 1,
                       new QTableWidgetItem(QDateTime::fromMSecsSinceEpoch(s.startedMs)
                                                .toLocalTime()
                                                .toString(QStringLiteral("HH:mm:ss.zzz"))));
        table->setItem(i, 2, new QTableWidgetItem(tr("%1 ms").arg(s.elapsedMs)));
        auto *ok = new QTableWidgetItem(s.ok ? tr("OK") : tr("Failed"));
        ok->setForeground(s.ok ? QColor(0x1e, 0x8e, 0x3e) : QColor(0xc6, 0x28, 0x28));
        table->setItem(i, 3, ok);
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->resizeColumnsToContents();
    layout->addWidget(table);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(600, 560);
}

} // namespace ks::app
