#include "MainWindow.h"

#include "AccountsWidget.h"
#include "BatchProgress.h"
#include "BenchWidget.h"
#include "FeedbackPlayer.h"
#include "IdleWatcher.h"
#include "LoginDialog.h"
#include "SettingsWidget.h"
#include "UiText.h"
#include "core/Station.h"

#include "app/gui/log/BatchLogWidget.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ks::app {

MainWindow::MainWindow(core::Station *station, const core::OperatorSession &session,
                       const GuiSettings &settings, QSettings *store, QWidget *parent)
    : QMainWindow(parent)
    , m_station(station)
    , m_session(session)
    , m_guiSettings(settings)
    , m_feedback(new FeedbackPlayer(this))
    , m_idle(new IdleWatcher(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("KeyStation — %1").arg(station->profile().name));
    setWindowIcon(QIcon(QStringLiteral(":/icons/keystation.svg")));

    m_stack = new QStackedWidget(this);
    m_tabs = new QTabWidget(m_stack);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    using core::Permission;
    const core::Role role = session.role();
    if (core::roleAllows(role, Permission::Provision)) {
        m_bench = new BenchWidget(station, session, m_feedback, m_tabs);
        m_tabs->addTab(m_bench, QIcon(QStringLiteral(":/icons/bench.svg")), tr("Bench"));
    }
    if (core::roleAllows(role, Permission::ReadLog)) {
        auto *log = new BatchLogWidget(station->journal(), session, m_tabs);
        m_log = log;
        m_log->setObjectName(QStringLiteral("batchLog"));
        m_tabs->addTab(m_log, QIcon(QStringLiteral(":/icons/log.svg")), tr("Batch log"));
        if (m_bench)
            connect(m_bench, &BenchWidget::batchFinished, log, &BatchLogWidget::refresh);
    }
    if (core::roleAllows(role, Permission::ChangeSettings)) {
        m_settings = new SettingsWidget(settings, store, m_tabs);
        // Scrolls rather than grows: the administrator's window fits a 1024×600 panel however many settings
        // there are (issue 11).
        auto *settingsArea = new QScrollArea(m_tabs);
        settingsArea->setObjectName(QStringLiteral("settingsScroll"));
        settingsArea->setWidget(m_settings);
        settingsArea->setWidgetResizable(true);
        settingsArea->setFrameShape(QFrame::NoFrame);
        m_tabs->addTab(settingsArea, QIcon(QStringLiteral(":/icons/settings.svg")), tr("Settings"));
        connect(m_settings, &SettingsWidget::saved, this, &MainWindow::applySettings);
    }
    if (core::roleAllows(role, Permission::ManageAccounts)) {
        m_accounts = new AccountsWidget(station->operators(), session, m_tabs);
        m_tabs->addTab(m_accounts, QIcon(QStringLiteral(":/icons/accounts.svg")), tr("Accounts"));
    }
    m_stack->addWidget(m_tabs);

    m_lockPage = new QWidget(m_stack);
    m_lockPage->setObjectName(QStringLiteral("lockPage"));
    auto *lockLayout = new QVBoxLayout(m_lockPage);
    auto *lockText = new QLabel(
        tr("Station locked. Running batches continue.\nLog in again to see the bench."), m_lockPage);
    lockText->setAlignment(Qt::AlignCenter);
    QFont f = lockText->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    lockText->setFont(f);
    lockLayout->addWidget(lockText);
    if (m_bench) {
        // A read-only view of the running batch, updated live: the batch bar, and which ports need a person.
        auto *progress = new BatchProgressWidget(m_lockPage);
        progress->setObjectName(QStringLiteral("lockProgress"));
        auto *needPerson = new QLabel(m_lockPage);
        needPerson->setObjectName(QStringLiteral("lockNeedPerson"));
        QFont nf = needPerson->font();
        nf.setPointSizeF(nf.pointSizeF() * 1.4);
        nf.setBold(true);
        needPerson->setFont(nf);
        needPerson->setWordWrap(true);
        needPerson->setStyleSheet(QStringLiteral("color: #8a5a00;"));
        lockLayout->insertStretch(0, 1); // text and batch in the middle of the screen
        lockLayout->addWidget(progress);
        lockLayout->addWidget(needPerson);
        lockLayout->addStretch(1);
        const auto follow = [this, progress, needPerson] {
            const BatchStatus status = m_bench->batchStatus();
            progress->setStatus(status);
            needPerson->setText(status.needPerson.isEmpty() ? QString()
                                                            : tr("Needs a person:") + QLatin1Char('\n')
                                        + status.needPerson.join(QLatin1Char('\n')));
        };
        connect(m_bench, &BenchWidget::batchStatusChanged, m_lockPage, follow);
        follow();
    }
    m_stack->addWidget(m_lockPage);
    setCentralWidget(m_stack);

    auto *menu = menuBar()->addMenu(tr("&Station"));
    auto *lockAction
        = menu->addAction(QIcon(QStringLiteral(":/icons/lock.svg")), tr("&Lock"), this, &MainWindow::lock);
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    menu->addAction(QIcon(QStringLiteral(":/icons/logout.svg")), tr("Log &out"), this, &MainWindow::logOut);
    menu->addSeparator();
    menu->addAction(tr("&Quit"), this, &QWidget::close);
    auto *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About KeyStation"), this, &MainWindow::showAbout);

    m_who
        = new QLabel(tr("Logged in as %1 (%2)").arg(session.name(), UiText::roleTitle(session.role())), this);
    m_who->setObjectName(QStringLiteral("who"));
    statusBar()->addPermanentWidget(m_who);

    connect(m_idle, &IdleWatcher::idle, this, &MainWindow::lock);
    applySettings(settings);
    resize(1040, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::applySettings(const GuiSettings &settings)
{
    m_guiSettings = settings;
    m_feedback->setSoundsEnabled(settings.sounds);
    m_feedback->setSpeechEnabled(settings.speech);
    if (m_bench) {
        m_bench->setFailureDialogEnabled(settings.failureDialog);
        m_bench->setSummaryDialogEnabled(settings.summaryDialog);
        m_bench->setPortLayout(settings.benchColumns, settings.benchPorts);
    }
    m_idle->setTimeoutMs(settings.idleLockMinutes * 60 * 1000);
}

void MainWindow::connectCa()
{
    // The answer reaches the bench as the station's CA status (Station::caStatusChanged); nothing waits here.
    m_station->connectCaAsync();
}

void MainWindow::lock()
{
    if (m_locked)
        return;
    m_locked = true;
    m_idle->setPaused(true);
    m_stack->setCurrentWidget(m_lockPage);
    menuBar()->setEnabled(false);
    Q_EMIT locked();
    m_unlockDialog
        = new LoginDialog(m_station->operators(), LoginDialog::Mode::Unlock, this, m_session.name());
    m_unlockDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_unlockDialog, &QDialog::finished, this, [this](int code) {
        if (code == QDialog::Accepted && m_unlockDialog)
            unlock(m_unlockDialog->session());
        else
            logOut();
    });
    m_unlockDialog->open();
}

void MainWindow::unlock(const core::OperatorSession &session)
{
    if (session.name() != m_session.name()) {
        // An administrator took over: the window is rebuilt for them by logging out first.
        logOut();
        return;
    }
    m_locked = false;
    m_stack->setCurrentWidget(m_tabs);
    menuBar()->setEnabled(true);
    m_idle->setPaused(false);
}

void MainWindow::logOut()
{
    if (m_station->isBatchActive() && !m_locked) {
        const auto answer = QMessageBox::question(
            this, tr("Log out"),
            tr("A batch is running. It keeps running after you log out. Log out anyway?"));
        if (answer != QMessageBox::Yes)
            return;
    }
    Q_EMIT logOutRequested();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_station->isBatchActive()) {
        const auto answer = QMessageBox::question(this, tr("Quit KeyStation"),
                                                  tr("A batch is running. Quitting cancels the keys in "
                                                     "progress; they resume at the next start. Quit?"));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_station->cancelBatch();
    }
    event->accept(); // the last window closed: the application quits
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About KeyStation"),
        tr("<b>KeyStation</b> %1<br>Batch provisioning of USB PKI keys with certificates bound to "
           "each key's hardware serial.")
            .arg(QApplication::applicationVersion()));
}

} // namespace ks::app
