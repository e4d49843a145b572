#include "GuiFixture.h"

#include "BenchWidget.h"
#include "TokenTileModel.h"

#include <QDir>
#include <QTest>
#include <QThreadPool>

namespace ks::test {

void GuiFixture::TearDown()
{
    m_window.reset();
    // The window's widgets do not wait for their journal queries; the journal's owner does (as
    // core::StationThread does in the application).
    QThreadPool::globalInstance()->waitForDone();
    EngineFixture::TearDown();
}

app::MainWindow *GuiFixture::openWindow(core::Role role, const QString &name)
{
    m_window.reset();
    core::OperatorSession session = m_session;
    if (role != core::Role::Administrator || !name.isEmpty()) {
        const QString account = name.isEmpty() ? core::roleName(role) + QStringLiteral("1") : name;
        QByteArray password("a long enough password");
        auto added = m_station->operators().addOperator(m_session, account, role, password);
        EXPECT_TRUE(added) << added.error().toString().toStdString();
        password = "a long enough password";
        auto s = m_station->operators().login(account, password);
        EXPECT_TRUE(s);
        if (s)
            session = *s;
    }
    app::GuiSettings settings;
    settings.sounds = true; // no audio device here: must neither crash nor hang
    settings.speech = true;
    settings.summaryDialog = false;
    settings.idleLockMinutes = 0;
    m_window = std::make_unique<app::MainWindow>(m_station.get(), session, settings, nullptr);
    m_window->resize(1040, 560);
    m_window->show();
    return m_window.get();
}

bool GuiFixture::waitForTiles(int n, int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_window->bench()->model()->keyCount() == n; }, timeoutMs);
}

QString GuiFixture::screenshot(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral(KS_SCREENSHOT_DIR));
    const QString path = QStringLiteral(KS_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
    widget->grab().save(path);
    return path;
}

} // namespace ks::test
