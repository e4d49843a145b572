#include "StationApp.h"

#include "BenchWidget.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "SettingsWidget.h"
#include "StartupDoctor.h"
#include "core/BadgeVerifier.h"
#include "core/Journal.h"
#include "core/OperatorStore.h"
#include "core/Station.h"
#include "core/StationDefaults.h"
#include "core/StationThread.h"
#include "core/secrets/SecretFile.h"
#include "core/secrets/SecureBytes.h"

#include <QApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QTextStream>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcGui, "ks.app.gui")

namespace ks::app {

StationApp::StationApp(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_store = m_options.settingsFile.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat);
    m_settings = GuiSettings::load(*m_store);
    // The order keystation-cli follows too: option > environment > settings > default (core/StationDefaults).
    const QString envProfile = core::StationDefaults::profileFromEnvironment();
    const QStringList envModules = core::StationDefaults::modulesFromEnvironment();
    const QString envJournal = core::StationDefaults::journalFromEnvironment();
    if (!m_options.profilePath.isEmpty())
        m_settings.profilePath = m_options.profilePath;
    else if (!envProfile.isEmpty())
        m_settings.profilePath = envProfile;
    if (!m_options.modulePath.isEmpty())
        m_settings.modulePath = m_options.modulePath;
    else if (!envModules.isEmpty())
        m_settings.modulePath = envModules.first();
    if (!m_options.journalPath.isEmpty()) {
        m_settings.journalBackend = QStringLiteral("sqlite");
        m_settings.sqlitePath = m_options.journalPath;
    }
    if (!m_options.pgConfFile.isEmpty()) {
        m_settings.journalBackend = QStringLiteral("postgresql");
        m_settings.pgConfFile = m_options.pgConfFile;
    }
    if (m_options.journalPath.isEmpty() && m_options.pgConfFile.isEmpty() && !envJournal.isEmpty()) {
        m_settings.journalBackend = QStringLiteral("sqlite");
        m_settings.sqlitePath = envJournal;
    }
    if (!m_options.language.isEmpty())
        m_settings.language = m_options.language;
    if (!m_options.badgeCaFile.isEmpty())
        m_settings.badgeCaFile = m_options.badgeCaFile;
}

StationApp::~StationApp()
{
    delete m_window;
}

bool StationApp::installTranslator(QTranslator &translator, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::English)
        return true; // the sources are English
    if (!translator.load(locale, QStringLiteral("keystation"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        return false;
    return QCoreApplication::installTranslator(&translator);
}

bool StationApp::start()
{
    if (!installTranslator(m_translator, m_settings.language))
        qCWarning(lcGui) << "no translation for" << m_settings.language;
    const QLocale locale = m_settings.language.isEmpty() ? QLocale::system() : QLocale(m_settings.language);
    if (m_qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qtTranslator);
    if (!m_settings.language.isEmpty())
        QLocale::setDefault(locale);

    core::StationConfig config;
    config.profilePath
        = m_settings.profilePath.isEmpty() ? core::StationDefaults::profileFile() : m_settings.profilePath;
    config.modulePath
        = m_settings.modulePath.isEmpty() ? core::StationDefaults::openScModule() : m_settings.modulePath;
    if (!m_options.inProcess)
        config.workerPath = core::Station::defaultWorkerPath();
    config.pollIntervalMs = m_settings.pollIntervalMs;
    auto journal = m_settings.journalConfig();
    core::Result<std::unique_ptr<core::Station>> station = journal
        ? core::Station::create([&] {
              config.journal = *journal;
              return config;
          }())
        : core::Result<std::unique_ptr<core::Station>>(journal.error());
    if (!station) {
        showStartFailure(station.error().message, config);
        return true;
    }
    // The station's work (batch runner, watchdog, key watcher, CA requests, journal appends) in a thread of
    // its own: the GUI thread never waits for it.
    m_stationThread = std::make_unique<core::StationThread>(std::move(*station));
    m_station = m_stationThread->station();
    // The CA status in the bench's header, checked live for as long as the program runs (it outlives every
    // window: a bench opened after a log-in shows the last status at once).
    m_station->startCaMonitor(m_options.caCheckIntervalMs, m_options.caRetryIntervalMs);
    // The bench health check (keystation-cli doctor's checks) off the GUI thread; a failure shows in a
    // non-modal message. Its own journal configuration: Journal::open wipes the PostgreSQL password it gets.
    if (auto doctorJournal = m_settings.journalConfig()) {
        core::DoctorConfig doctor;
        doctor.profilePath = config.profilePath;
        doctor.modulePath = config.modulePath;
        doctor.journal = *doctorJournal;
        StartupDoctor::start(m_station->doctorConfig(doctor), this); // with the station's module
    }
    if (!m_settings.badgeCaFile.isEmpty()) {
        auto anchors = core::BadgeVerifier::loadAnchorsPem(m_settings.badgeCaFile);
        core::BadgeVerifier::Options badgeOptions;
        badgeOptions.requiredExtendedKeyUsage = core::BadgeVerifier::extendedKeyUsageOid(m_settings.badgeEku);
        if (badgeOptions.requiredExtendedKeyUsage.isEmpty())
            qCWarning(lcGui)
                << "badge login off: login/badgeEku is neither an extendedKeyUsage name nor an OID";
        else if (anchors)
            m_badgeVerifier
                = std::make_shared<core::BadgeVerifier>(*anchors, core::systemClock(), badgeOptions);
        else
            qCWarning(lcGui) << "badge login off:" << anchors.error().toString();
    }
    showLogin();
    return true;
}

void StationApp::showStartFailure(const QString &reason, const core::StationConfig &config)
{
    const QString text = tr("The station could not be set up:\n\n%1\n\nProfile: %2\nPKCS#11 module: %3\n\n"
                            "Give the right files with --profile and --module (or KEYSTATION_PROFILE and "
                            "KEYSTATION_PKCS11_MODULE), or fix the settings file %4.")
                             .arg(reason, config.profilePath, config.modulePath, m_store->fileName());
    // Also on stderr: whoever started it from a terminal or a service manager sees why without a screen.
    QTextStream(stderr) << tr("KeyStation cannot start") << u'\n' << text << Qt::endl;
    auto *box
        = new QMessageBox(QMessageBox::Critical, tr("KeyStation cannot start"), text, QMessageBox::Close);
    box->setObjectName(QStringLiteral("startFailure"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto *settings = box->addButton(tr("Open settings…"), QMessageBox::ActionRole);
    settings->setObjectName(QStringLiteral("openSettings"));
    connect(box, &QMessageBox::buttonClicked, this, [this, settings](QAbstractButton *button) {
        if (button == settings)
            QTimer::singleShot(0, this, &StationApp::openRecoverySettings);
        else
            QCoreApplication::exit(1);
    });
    box->open();
}

void StationApp::openRecoverySettings()
{
    // Only an administrator may change settings: the accounts live in the journal, which may still open.
    auto journalConfig = m_settings.journalConfig();
    auto journal = journalConfig ? core::Journal::open(*journalConfig)
                                 : core::Result<std::unique_ptr<core::Journal>>(journalConfig.error());
    if (!journal) {
        const QString text = tr("The journal cannot be opened either (%1), so no administrator can log in. "
                                "Fix the settings file %2.")
                                 .arg(journal.error().message, m_store->fileName());
        QTextStream(stderr) << text << Qt::endl;
        QMessageBox::critical(nullptr, tr("KeyStation cannot start"), text);
        QCoreApplication::exit(1);
        return;
    }
    m_recoveryJournal = std::move(*journal);
    m_recoveryOperators = std::make_unique<core::OperatorStore>(*m_recoveryJournal);
    auto first = m_recoveryOperators->needsFirstAdministrator();
    auto *dialog
        = new LoginDialog(*m_recoveryOperators,
                          first && *first ? LoginDialog::Mode::FirstAdministrator : LoginDialog::Mode::Login);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog](int code) {
        if (code != QDialog::Accepted) {
            QCoreApplication::exit(1);
            return;
        }
        if (!core::roleAllows(dialog->session().role(), core::Permission::ChangeSettings)) {
            QMessageBox::warning(nullptr, tr("KeyStation cannot start"),
                                 tr("Only an administrator can change the settings."));
            QCoreApplication::exit(1);
            return;
        }
        auto *page = new SettingsWidget(m_settings, m_store.get());
        page->setAttribute(Qt::WA_DeleteOnClose);
        page->setWindowTitle(tr("KeyStation — settings (the station is not running)"));
        page->setWindowIcon(QIcon(QStringLiteral(":/icons/keystation.svg")));
        page->resize(900, 600);
        page->show();
    });
    dialog->open();
}

MainWindow *StationApp::mainWindow() const
{
    return m_window;
}

void StationApp::showLogin()
{
    auto first = m_station->operators().needsFirstAdministrator();
    const auto mode = first && *first ? LoginDialog::Mode::FirstAdministrator : LoginDialog::Mode::Login;
    auto *dialog = new LoginDialog(m_station->operators(), mode);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_badgeVerifier)
        dialog->enableBadge(m_station, m_badgeVerifier);
    connect(dialog, &QDialog::finished, this, [this, dialog](int code) {
        if (code == QDialog::Accepted)
            openMainWindow(dialog);
        else
            QApplication::quit();
    });
    dialog->open();
    if (!m_options.autoLoginFile.isEmpty()) {
        // It holds a password: refused unless owner-only (core/secrets/SecretFile.h).
        QByteArray text;
        QString error;
        if (SecretFile::read(m_options.autoLoginFile, text, error)) {
            const qsizetype nl = text.indexOf('\n');
            const QByteArrayView name = QByteArrayView(text).first(nl < 0 ? text.size() : nl).trimmed();
            QByteArrayView password = nl < 0 ? QByteArrayView() : QByteArrayView(text).sliced(nl + 1);
            if (const qsizetype end = password.indexOf('\n'); end >= 0)
                password = password.first(end);
            QString passwordText = QString::fromUtf8(password);
            dialog->submit(QString::fromUtf8(name), passwordText);
            wipe(passwordText);
            wipe(text);
        } else {
            qCWarning(lcGui).noquote() << "auto-login:" << error;
        }
        m_options.autoLoginFile.clear(); // once: after a log out, a person logs in
    }
}

void StationApp::openMainWindow(const LoginDialog *dialog)
{
    m_window = new MainWindow(m_station, dialog->session(), m_settings, m_store.get());
    m_window->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_window, &MainWindow::logOutRequested, this, &StationApp::logOut);
    m_window->show();
    if (auto *bench = m_window->bench()) {
        bench->setLot(m_lot);
        connect(bench, &BenchWidget::lotChosen, this,
                [this](const std::optional<core::LotManifest> &lot) { m_lot = lot; });
        if (!m_lot && m_options.autoProvisionDelayMs < 0 && m_options.screenshotPath.isEmpty())
            offerLotPicker();
    }
    if (m_options.autoProvisionDelayMs >= 0 && m_window->bench()) {
        QTimer::singleShot(m_options.autoProvisionDelayMs, m_window->bench(), &BenchWidget::provisionAll);
        m_options.autoProvisionDelayMs = -1;
    }
    if (!m_options.screenshotPath.isEmpty())
        QTimer::singleShot(m_options.screenshotDelayMs, this, &StationApp::takeScreenshot);
}

void StationApp::offerLotPicker()
{
    // The start of a shift: when the journal holds lots, the person who provisions is asked which one the
    // keys belong to (or "No lot"). The lots are read on a worker thread; the journal is thread-safe.
    core::Journal *journal = m_station->journal();
    auto *watcher = new QFutureWatcher<bool>(m_window);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const bool any = watcher->result();
        if (any && !m_lot && m_window && m_window->bench())
            m_window->bench()->chooseLot();
    });
    watcher->setFuture(QtConcurrent::run([journal] {
        auto lots = journal->lots();
        return lots && !lots->isEmpty();
    }));
}

void StationApp::logOut()
{
    if (m_window) {
        m_window->hide();
        m_window->deleteLater();
        m_window = nullptr;
    }
    showLogin();
}

void StationApp::takeScreenshot()
{
    if (m_window) {
        const bool saved = m_window->grab().save(m_options.screenshotPath);
        qCInfo(lcGui) << "screenshot" << m_options.screenshotPath << (saved ? "saved" : "FAILED");
    }
    // Not quit(): that closes the windows, and closing asks whether to cancel a running batch.
    if (m_station)
        m_station->cancelBatch();
    QCoreApplication::exit(0);
}

} // namespace ks::app
