#include "SettingsWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ks::app {

SettingsWidget::SettingsWidget(const GuiSettings &current, QSettings *store, QWidget *parent)
    : QWidget(parent)
    , m_base(current)
    , m_store(store)
{
    setObjectName(QStringLiteral("settings"));
    auto *layout = new QVBoxLayout(this);

    auto *station = new QGroupBox(tr("Station (applies at the next start)"), this);
    auto *sf = new QFormLayout(station);
    m_profile = pathEdit(QStringLiteral("profilePath"), current.profilePath);
    m_module = pathEdit(QStringLiteral("modulePath"), current.modulePath);
    sf->addRow(tr("Provisioning profile (JSON):"), withBrowse(m_profile, tr("Profiles (*.json)")));
    sf->addRow(tr("PKCS#11 module of the hub:"), withBrowse(m_module, tr("PKCS#11 modules (*.so)")));
    m_backend = new QComboBox(station);
    m_backend->setObjectName(QStringLiteral("journalBackend"));
    m_backend->addItem(tr("SQLite file (this station)"), QStringLiteral("sqlite"));
    m_backend->addItem(tr("PostgreSQL (shared by stations)"), QStringLiteral("postgresql"));
    m_backend->setCurrentIndex(current.journalBackend == QStringLiteral("postgresql") ? 1 : 0);
    sf->addRow(tr("Journal:"), m_backend);
    m_sqlite = pathEdit(QStringLiteral("sqlitePath"), current.sqlitePath);
    m_sqlite->setPlaceholderText(tr("default: the application data folder"));
    sf->addRow(tr("SQLite journal file:"), withBrowse(m_sqlite, tr("SQLite files (*.sqlite *.db)")));
    m_pgConf = pathEdit(QStringLiteral("pgConfFile"), current.pgConfFile);
    sf->addRow(tr("PostgreSQL connection file:"), withBrowse(m_pgConf, tr("All files (*)")));
    m_badgeCa = pathEdit(QStringLiteral("badgeCaFile"), current.badgeCaFile);
    m_badgeCa->setPlaceholderText(tr("empty: password login only"));
    sf->addRow(tr("Operator CA for badge login (PEM):"),
               withBrowse(m_badgeCa, tr("Certificates (*.pem *.crt)")));
    auto *hint = new QLabel(tr("The CA endpoint, its credentials, the trust anchors and the PIN policy are "
                               "part of the provisioning profile."),
                            station);
    hint->setWordWrap(true);
    sf->addRow(hint);
    layout->addWidget(station);

    auto *feedback = new QGroupBox(tr("Feedback"), this);
    auto *ff = new QVBoxLayout(feedback);
    m_sounds = new QCheckBox(tr("Play a sound when a key is done or fails"), feedback);
    m_sounds->setObjectName(QStringLiteral("sounds"));
    m_speech = new QCheckBox(tr("Speak the result (\"Key 3 failed: wrong PIN\")"), feedback);
    m_speech->setObjectName(QStringLiteral("speech"));
    m_failureDialog
        = new QCheckBox(tr("List failed ports in a banner over the tiles while a batch runs"), feedback);
    m_failureDialog->setObjectName(QStringLiteral("failureDialog"));
    m_summaryDialog
        = new QCheckBox(tr("Show the summary in a banner over the tiles when a batch ends"), feedback);
    m_summaryDialog->setObjectName(QStringLiteral("summaryDialog"));
    m_sounds->setChecked(current.sounds);
    m_speech->setChecked(current.speech);
    m_failureDialog->setChecked(current.failureDialog);
    m_summaryDialog->setChecked(current.summaryDialog);
    for (auto *box : { m_sounds, m_speech, m_failureDialog, m_summaryDialog })
        ff->addWidget(box);
    layout->addWidget(feedback);

    auto *session = new QGroupBox(tr("Session and language"), this);
    auto *of = new QFormLayout(session);
    m_idle = new QSpinBox(session);
    m_idle->setObjectName(QStringLiteral("idleLockMinutes"));
    m_idle->setRange(0, 240);
    m_idle->setSpecialValueText(tr("never"));
    m_idle->setSuffix(tr(" min"));
    m_idle->setValue(current.idleLockMinutes);
    of->addRow(tr("Lock after inactivity:"), m_idle);
    m_language = new QComboBox(session);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(current.language)));
    of->addRow(tr("Language (applies at the next start):"), m_language);
    layout->addWidget(session);

    auto *buttons = new QHBoxLayout;
    auto *saveButton = new QPushButton(QIcon(QStringLiteral(":/icons/save.svg")), tr("Save settings"), this);
    saveButton->setObjectName(QStringLiteral("saveSettings"));
    m_status = new QLabel(this);
    buttons->addWidget(saveButton);
    buttons->addWidget(m_status, 1);
    layout->addLayout(buttons);
    layout->addStretch();
    connect(saveButton, &QPushButton::clicked, this, &SettingsWidget::save);
}

QLineEdit *SettingsWidget::pathEdit(const QString &objectName, const QString &value)
{
    auto *edit = new QLineEdit(value, this);
    edit->setObjectName(objectName);
    return edit;
}

QWidget *SettingsWidget::withBrowse(QLineEdit *edit, const QString &filter)
{
    auto *box = new QWidget(this);
    auto *h = new QHBoxLayout(box);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(edit, 1);
    auto *browse = new QPushButton(tr("Browse…"), box);
    h->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, filter] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return box;
}

GuiSettings SettingsWidget::settings() const
{
    GuiSettings g = m_base;
    g.profilePath = m_profile->text().trimmed();
    g.modulePath = m_module->text().trimmed();
    g.journalBackend = m_backend->currentData().toString();
    g.sqlitePath = m_sqlite->text().trimmed();
    g.pgConfFile = m_pgConf->text().trimmed();
    g.badgeCaFile = m_badgeCa->text().trimmed();
    g.sounds = m_sounds->isChecked();
    g.speech = m_speech->isChecked();
    g.failureDialog = m_failureDialog->isChecked();
    g.summaryDialog = m_summaryDialog->isChecked();
    g.idleLockMinutes = m_idle->value();
    g.language = m_language->currentData().toString();
    return g;
}

void SettingsWidget::save()
{
    const GuiSettings g = settings();
    if (m_store)
        g.save(*m_store);
    m_status->setText(
        tr("Saved. Feedback and lock apply now; station, journal and language at the next start."));
    Q_EMIT saved(g);
}

} // namespace ks::app
