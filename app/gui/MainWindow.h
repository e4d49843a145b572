#pragma once

#include "GuiSettings.h"
#include "core/OperatorStore.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QSettings;
class QStackedWidget;
class QTabWidget;

namespace ks::core {
class Station;
}

namespace ks::app {

class AccountsWidget;
class BenchWidget;
class FeedbackPlayer;
class IdleWatcher;
class LoginDialog;
class SettingsWidget;

// The station's window for one logged-in person. What it shows follows the role: operators the bench,
// supervisors also the batch log, administrators also settings and accounts. Locks itself after the idle
// time; batches keep running while it is locked.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(core::Station *station, const core::OperatorSession &session, const GuiSettings &settings,
               QSettings *store, QWidget *parent = nullptr);
    ~MainWindow() override;

    BenchWidget *bench() const { return m_bench; }
    QTabWidget *tabs() const { return m_tabs; }
    QWidget *batchLog() const { return m_log; }
    SettingsWidget *settingsPage() const { return m_settings; }
    AccountsWidget *accountsPage() const { return m_accounts; }
    FeedbackPlayer *feedback() const { return m_feedback; }
    bool isLocked() const { return m_locked; }
    const core::OperatorSession &session() const { return m_session; }

public Q_SLOTS:
    void lock();
    void logOut();
    // Registration with the CA (fetches its certificates) in the station's thread; the answer reaches the
    // bench as the station's CA status. StationApp rather starts the station's CA monitor, which does the
    // same now and then again (Station::startCaMonitor).
    void connectCa();

Q_SIGNALS:
    void logOutRequested();
    void locked();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void applySettings(const GuiSettings &settings);
    void unlock(const core::OperatorSession &session);
    void showAbout();

    core::Station *m_station;
    core::OperatorSession m_session;
    GuiSettings m_guiSettings;
    FeedbackPlayer *m_feedback;
    IdleWatcher *m_idle;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QWidget *m_lockPage;
    BenchWidget *m_bench = nullptr;
    QWidget *m_log = nullptr;
    SettingsWidget *m_settings = nullptr;
    AccountsWidget *m_accounts = nullptr;
    QLabel *m_who;
    QPointer<LoginDialog> m_unlockDialog;
    bool m_locked = false;
};

} // namespace ks::app
