#pragma once

#include "core/OperatorStore.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace ks::app {

// Operator accounts for administrators: add, enable/disable, reset a password, change a role. Every change
// goes through OperatorStore, which checks the role again and journals it.
class AccountsWidget : public QWidget
{
    Q_OBJECT

public:
    AccountsWidget(core::OperatorStore &operators, const core::OperatorSession &session,
                   QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

public Q_SLOTS:
    void refresh();
    void addAccount();
    void toggleDisabled();
    void resetPassword();
    void changeRole();

private:
    QString selectedName() const;
    void report(const core::Status &status, const QString &success);

    core::OperatorStore &m_operators;
    core::OperatorSession m_session;
    QTableWidget *m_table;
    QLabel *m_status;
    QList<core::OperatorAccount> m_accounts;
};

} // namespace ks::app
