#pragma once

#include "core/OperatorStore.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ks::app {

// Operator authentication before anything else (MISSION.md step 1). Three modes: the first run creates the
// station's first administrator; a normal login; unlocking after idle, where only the same operator (or an
// administrator) may continue. The password check runs off the GUI thread (PBKDF2 takes a moment).
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        Login,
        FirstAdministrator,
        Unlock,
    };

    LoginDialog(core::OperatorStore &operators, Mode mode, QWidget *parent = nullptr,
                const QString &lockedBy = {});

    core::OperatorSession session() const { return m_session; }
    QString errorText() const;

    // For tests and the demo: fill in and submit as a person would.
    void submit(const QString &name, const QString &password);

private:
    void accept() override;
    void finishLogin(const core::Result<core::OperatorSession> &result);

    core::OperatorStore &m_operators;
    Mode m_mode;
    QString m_lockedBy;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    core::OperatorSession m_session;
};

} // namespace ks::app
