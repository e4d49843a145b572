#include "AccountsWidget.h"

#include "UiText.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ks::app {

namespace {

QComboBox *roleCombo(QWidget *parent, core::Role current)
{
    auto *combo = new QComboBox(parent);
    for (auto role : { core::Role::Operator, core::Role::Supervisor, core::Role::Administrator })
        combo->addItem(UiText::roleTitle(role), static_cast<int>(role));
    combo->setCurrentIndex(static_cast<int>(current));
    return combo;
}

} // namespace

AccountsWidget::AccountsWidget(core::OperatorStore &operators, const core::OperatorSession &session,
                               QWidget *parent)
    : QWidget(parent)
    , m_operators(operators)
    , m_session(session)
{
    setObjectName(QStringLiteral("accounts"));
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("accountsTable"));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Role"), tr("State"), tr("Failed logins") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    auto button
        = [&](const QString &name, const QString &icon, const QString &text, void (AccountsWidget::*slot)()) {
              auto *b = new QPushButton(QIcon(icon), text, this);
              b->setObjectName(name);
              connect(b, &QPushButton::clicked, this, slot);
              buttons->addWidget(b);
          };
    button(QStringLiteral("addAccount"), QStringLiteral(":/icons/add-user.svg"), tr("Add account…"),
           &AccountsWidget::addAccount);
    button(QStringLiteral("toggleDisabled"), QString(), tr("Disable / enable"),
           &AccountsWidget::toggleDisabled);
    button(QStringLiteral("resetPassword"), QString(), tr("Reset password…"), &AccountsWidget::resetPassword);
    button(QStringLiteral("changeRole"), QString(), tr("Change role…"), &AccountsWidget::changeRole);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    refresh();
}

void AccountsWidget::refresh()
{
    auto accounts = m_operators.accounts(m_session);
    if (!accounts) {
        m_status->setText(accounts.error().message);
        return;
    }
    m_accounts = *accounts;
    m_table->setRowCount(static_cast<int>(m_accounts.size()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < m_accounts.size(); ++i) {
        const auto &a = m_accounts.at(i);
        QString state = a.disabled ? tr("Disabled") : tr("Active");
        if (a.lockedUntilMs > now)
            state
                = tr("Locked until %1")
                      .arg(QDateTime::fromMSecsSinceEpoch(a.lockedUntilMs).toString(QStringLiteral("HH:mm")));
        m_table->setItem(i, 0, new QTableWidgetItem(a.name));
        m_table->setItem(i, 1, new QTableWidgetItem(UiText::roleTitle(a.role)));
        m_table->setItem(i, 2, new QTableWidgetItem(state));
        m_table->setItem(i, 3, new QTableWidgetItem(QString::number(a.failures)));
    }
    m_table->resizeColumnsToContents();
}

QString AccountsWidget::selectedName() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_accounts.size() ? m_accounts.at(row).name : QString();
}

void AccountsWidget::report(const core::Status &status, const QString &success)
{
    m_status->setStyleSheet(status ? QString() : QStringLiteral("color: #c62828;"));
    m_status->setText(status ? success : status.error().message);
    refresh();
}

void AccountsWidget::addAccount()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add account"));
    auto *form = new QFormLayout(&dialog);
    auto *name = new QLineEdit(&dialog);
    auto *role = roleCombo(&dialog, core::Role::Operator);
    auto *password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Role:"), role);
    form->addRow(tr("Initial password:"), password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QByteArray secret = password->text().toUtf8();
    password->clear();
    const QString n = name->text().trimmed();
    report(
        m_operators.addOperator(m_session, n, static_cast<core::Role>(role->currentData().toInt()), secret),
        tr("Account %1 added.").arg(n));
}

void AccountsWidget::toggleDisabled()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    const bool disable = !m_accounts.at(m_table->currentRow()).disabled;
    report(m_operators.setDisabled(m_session, name, disable),
           disable ? tr("Account %1 disabled.").arg(name) : tr("Account %1 enabled.").arg(name));
}

void AccountsWidget::resetPassword()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Reset password"), tr("New password for %1:").arg(name), QLineEdit::Password, {}, &ok);
    if (!ok)
        return;
    QByteArray secret = text.toUtf8();
    report(m_operators.changePassword(m_session, name, secret), tr("Password of %1 reset.").arg(name));
}

void AccountsWidget::changeRole()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    QStringList roles;
    for (auto role : { core::Role::Operator, core::Role::Supervisor, core::Role::Administrator })
        roles << UiText::roleTitle(role);
    bool ok = false;
    const QString chosen
        = QInputDialog::getItem(this, tr("Change role"), tr("Role of %1:").arg(name), roles,
                                static_cast<int>(m_accounts.at(m_table->currentRow()).role), false, &ok);
    if (!ok)
        return;
    report(m_operators.setRole(m_session, name, static_cast<core::Role>(roles.indexOf(chosen))),
           tr("Role of %1 changed.").arg(name));
}

} // namespace ks::app
