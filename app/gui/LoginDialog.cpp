#include "LoginDialog.h"

#include "core/Station.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ks::app {

LoginDialog::LoginDialog(core::OperatorStore &operators, Mode mode, QWidget *parent, const QString &lockedBy)
    : QDialog(parent)
    , m_operators(operators)
    , m_mode(mode)
    , m_lockedBy(lockedBy)
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/keystation.svg")));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    switch (mode) {
    case Mode::Login:
        setWindowTitle(tr("KeyStation — operator login"));
        intro->setText(tr("Log in with your operator name and password."));
        break;
    case Mode::FirstAdministrator:
        setWindowTitle(tr("KeyStation — first start"));
        intro->setText(tr("This station has no administrator yet. Create the first administrator account; "
                          "it can then add operators and supervisors."));
        break;
    case Mode::Unlock:
        setWindowTitle(tr("KeyStation — locked"));
        intro->setText(tr("The station was locked after a period without activity. %1 or an administrator "
                          "may unlock it.")
                           .arg(lockedBy));
        break;
    }
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setText(lockedBy);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Operator name:"), m_name);
    form->addRow(tr("Password:"), m_password);
    if (mode == Mode::FirstAdministrator) {
        m_repeat = new QLineEdit(this);
        m_repeat->setObjectName(QStringLiteral("repeat"));
        m_repeat->setEchoMode(QLineEdit::Password);
        form->addRow(tr("Repeat password:"), m_repeat);
    }
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(mode == Mode::FirstAdministrator ? tr("Create administrator") : tr("Log in"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(mode == Mode::Unlock ? tr("Log out") : tr("Quit"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    (lockedBy.isEmpty() ? m_name : m_password)->setFocus();
    setMinimumWidth(420);
}

QString LoginDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void LoginDialog::submit(const QString &name, const QString &password)
{
    m_name->setText(name);
    m_password->setText(password);
    if (m_repeat)
        m_repeat->setText(password);
    accept();
}

void LoginDialog::accept()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty() || m_password->text().isEmpty()) {
        m_error->setText(tr("Enter a name and a password."));
        m_error->show();
        return;
    }
    if (m_repeat && m_repeat->text() != m_password->text()) {
        m_error->setText(tr("The two passwords differ."));
        m_error->show();
        return;
    }
    QByteArray password = m_password->text().toUtf8();
    m_password->clear();
    if (m_repeat)
        m_repeat->clear();
    setBusy(true);
    m_error->hide();

    // The store wipes the password it is handed; the copy lives in the task only.
    core::OperatorStore *store = &m_operators;
    const bool first = m_mode == Mode::FirstAdministrator;
    auto *watcher = new QFutureWatcher<core::Result<core::OperatorSession>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        finishLogin(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([store, first, name, password]() mutable {
        return first ? store->createFirstAdministrator(name, password) : store->login(name, password);
    }));
}

void LoginDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    if (m_badgeButton)
        m_badgeButton->setEnabled(!busy && m_badge->count() > 0);
}

void LoginDialog::enableBadge(core::Station *station, std::shared_ptr<core::BadgeVerifier> verifier)
{
    if (m_mode != Mode::Login || m_badgeBox)
        return;
    m_station = station;
    m_verifier = std::move(verifier);
    m_badgeBox = new QGroupBox(tr("Or log in with your badge key"), this);
    auto *form = new QFormLayout(m_badgeBox);
    m_badge = new QComboBox(m_badgeBox);
    m_badge->setObjectName(QStringLiteral("badge"));
    m_badgePin = new QLineEdit(m_badgeBox);
    m_badgePin->setObjectName(QStringLiteral("badgePin"));
    m_badgePin->setEchoMode(QLineEdit::Password);
    m_badgeButton = new QPushButton(tr("Log in with badge"), m_badgeBox);
    m_badgeButton->setObjectName(QStringLiteral("badgeLogin"));
    form->addRow(tr("Badge key:"), m_badge);
    form->addRow(tr("Badge PIN:"), m_badgePin);
    form->addRow(m_badgeButton);
    auto *box = qobject_cast<QVBoxLayout *>(layout());
    box->insertWidget(box->indexOf(m_error), m_badgeBox);
    connect(m_badgeButton, &QPushButton::clicked, this, &LoginDialog::loginWithBadge);
    connect(m_station, &core::Station::keyAdded, this, &LoginDialog::refreshBadges);
    connect(m_station, &core::Station::keyRemoved, this, &LoginDialog::refreshBadges);
    refreshBadges();
}

void LoginDialog::refreshBadges()
{
    const QString current = m_badge->currentData().toString();
    m_badge->clear();
    for (const auto &t : m_station->keys())
        m_badge->addItem(tr("Slot %1 — %2 — %3").arg(t.slot).arg(t.model, t.serial), t.serial);
    m_badge->setCurrentIndex(qMax(0, m_badge->findData(current)));
    m_badgeButton->setEnabled(m_badge->count() > 0 && m_buttons->isEnabled());
}

void LoginDialog::submitBadge(const QString &serial, const QString &pin)
{
    if (!m_badge)
        return;
    m_badge->setCurrentIndex(m_badge->findData(serial));
    m_badgePin->setText(pin);
    loginWithBadge();
}

void LoginDialog::loginWithBadge()
{
    const QString serial = m_badge->currentData().toString();
    if (serial.isEmpty() || m_badgePin->text().isEmpty()) {
        m_error->setText(tr("Choose your badge key and enter its PIN."));
        m_error->show();
        return;
    }
    QByteArray pin = m_badgePin->text().toUtf8();
    m_badgePin->clear();
    setBusy(true);
    m_error->hide();
    // The badge signs on its chip (about 0.3 s on a real one): off the GUI thread.
    auto *watcher = new QFutureWatcher<core::Result<core::OperatorSession>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        finishLogin(watcher->result());
    });
    watcher->setFuture(m_station->loginWithBadge(serial, pin, m_verifier));
}

void LoginDialog::finishLogin(const core::Result<core::OperatorSession> &result)
{
    setBusy(false);
    if (!result) {
        m_error->setText(result.error().message);
        m_error->show();
        m_password->setFocus();
        return;
    }
    if (m_mode == Mode::Unlock && result->name() != m_lockedBy
        && result->role() != core::Role::Administrator) {
        m_error->setText(tr("Only %1 or an administrator may unlock this station.").arg(m_lockedBy));
        m_error->show();
        return;
    }
    m_session = *result;
    QDialog::accept();
}

} // namespace ks::app
