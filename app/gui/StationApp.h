#pragma once

#include "GuiSettings.h"
#include "core/Lot.h"

#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

#include <memory>
#include <optional>

namespace ks::core {
class BadgeVerifier;
class Journal;
class OperatorStore;
class Station;
class StationThread;
struct StationConfig;
} // namespace ks::core

namespace ks::app {

class LoginDialog;
class MainWindow;

// The program's life: settings and language, the station, the login, a main window per logged-in person,
// log out and log in again. Everything is asynchronous (dialogs are opened, not exec'd).
class StationApp : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString settingsFile; // empty: the platform's QSettings location
        QString profilePath; // these override the settings for this run
        QString modulePath;
        bool inProcess = false; // no worker process per key (--in-process)
        QString journalPath;
        QString pgConfFile;
        QString badgeCaFile;
        QString language;
        QString autoLoginFile; // demo: a file with the operator name and password on two lines
        QString screenshotPath; // grab the main window after screenshotDelayMs and quit
        int screenshotDelayMs = 5000;
        int autoProvisionDelayMs = -1; // demo: press Provision all after this many ms (-1: never)
        // The CA check (core::Station::startCaMonitor): every this many ms while the CA answers, and while
        // not.
        int caCheckIntervalMs = 15000;
        int caRetryIntervalMs = 3000;
    };

    explicit StationApp(Options options, QObject *parent = nullptr);
    ~StationApp() override;

    // Loads the language and the station, then asks for a login. When the station cannot be assembled (a
    // broken profile, a missing module) it says why and offers an administrator the settings page, backed by
    // the journal alone; false only when there is nothing to show at all.
    bool start();

    // Installs the translator for a language ("zh_CN", "en", empty: the system's) from the embedded .qm.
    static bool installTranslator(QTranslator &translator, const QString &language);

    MainWindow *mainWindow() const;
    core::Station *station() const { return m_station; }
    // The lot batches run under, chosen on the bench: it stays chosen across log-out and log-in.
    const std::optional<core::LotManifest> &lot() const { return m_lot; }

private:
    void showStartFailure(const QString &reason, const core::StationConfig &config);
    void openRecoverySettings();
    void showLogin();
    void openMainWindow(const LoginDialog *dialog);
    void logOut();
    void takeScreenshot();
    void offerLotPicker();

    Options m_options;
    std::unique_ptr<QSettings> m_store;
    GuiSettings m_settings;
    QTranslator m_translator;
    QTranslator m_qtTranslator;
    std::unique_ptr<core::StationThread> m_stationThread;
    core::Station *m_station = nullptr; // lives in m_stationThread
    QPointer<MainWindow> m_window;
    std::shared_ptr<core::BadgeVerifier> m_badgeVerifier;
    std::unique_ptr<core::Journal> m_recoveryJournal;
    std::unique_ptr<core::OperatorStore> m_recoveryOperators;
    std::optional<core::LotManifest> m_lot;
};

} // namespace ks::app
