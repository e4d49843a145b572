#pragma once

#include "core/OperatorStore.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ks::core {
class BadgeVerifier;
class Station;
} // namespace ks::core

namespace ks::app {

// Operator authentication before anything else (docs/flow.md step 1). Three modes: the first run creates the
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

    // Offers login with a badge key on the hub (docs/flow.md step 1): the badge signs a fresh challenge and
    // its certificate must chain to the operator CA the verifier holds. Login mode only.
    void enableBadge(core::Station *station, std::shared_ptr<core::BadgeVerifier> verifier);
    void submitBadge(const QString &serial, const QString &pin);

private:
    void accept() override;
    void finishLogin(const core::Result<core::OperatorSession> &result);
    void loginWithBadge();
    void refreshBadges();
    void setBusy(bool busy);

    core::OperatorStore &m_operators;
    Mode m_mode;
    QString m_lockedBy;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    core::OperatorSession m_session;
    core::Station *m_station = nullptr;
    std::shared_ptr<core::BadgeVerifier> m_verifier;
    QGroupBox *m_badgeBox = nullptr;
    QComboBox *m_badge = nullptr;
    QLineEdit *m_badgePin = nullptr;
    QPushButton *m_badgeButton = nullptr;
};

} // namespace ks::app
