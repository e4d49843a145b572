// The Chinese translation loads and leaves no English in the main window: every label, button, action, tab,
// group and window title differs from its English text, except tokens that are not words (names of
// protocols and products, serials, numbers).
#include "GuiFixture.h"

#include "BenchWidget.h"
#include "StationApp.h"
#include "TokenTileModel.h"

#include <QAbstractButton>
#include <QAction>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTranslator>

using namespace ks;

namespace {

QStringList visibleTexts(QWidget *window)
{
    QStringList texts { window->windowTitle() };
    for (auto *label : window->findChildren<QLabel *>())
        texts << label->text();
    for (auto *button : window->findChildren<QAbstractButton *>())
        texts << button->text();
    for (auto *action : window->findChildren<QAction *>())
        texts << action->text();
    for (auto *menu : window->findChildren<QMenu *>())
        texts << menu->title();
    for (auto *group : window->findChildren<QGroupBox *>())
        texts << group->title();
    for (auto *tabs : window->findChildren<QTabWidget *>())
        for (int i = 0; i < tabs->count(); ++i)
            texts << tabs->tabText(i);
    texts.removeAll(QString());
    return texts;
}

// True when the text still holds an English word once the untranslatable tokens are taken out.
bool looksEnglish(QString text)
{
    static const QRegularExpression allowed(QStringLiteral(
        "KeyStation|PKCS#11|SQLite|PostgreSQL|JSON|PDF|CSV|SoftHSM|English|admin|operator1|supervisor1|"
        "test-station|\\b[0-9A-F]{6,}\\b|\\bCA\\b|\\bPIN\\b|\\bS/N\\b|&[A-Za-z]|\\(&[A-Z]\\)|<[^>]*>"));
    text.remove(allowed);
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
    return text.contains(word);
}

} // namespace

class Translation : public ks::test::GuiFixture
{
};

TEST_F(Translation, ChineseLoadsAndNoStringInTheMainWindowStaysEnglish)
{
    setUpBench(2);
    openWindow(core::Role::Administrator);
    ASSERT_TRUE(waitForTiles(2));
    const QStringList english = visibleTexts(m_window.get());
    ASSERT_GT(english.size(), 30);

    QTranslator translator;
    ASSERT_TRUE(app::StationApp::installTranslator(translator, QStringLiteral("zh_CN")));
    openWindow(core::Role::Administrator);
    ASSERT_TRUE(waitForTiles(2));
    const QStringList chinese = visibleTexts(m_window.get());
    QStringList untranslated;
    for (const auto &text : chinese)
        if (english.contains(text) && looksEnglish(text))
            untranslated << text;
    EXPECT_TRUE(untranslated.isEmpty()) << untranslated.join(QStringLiteral(" | ")).toStdString();

    // The tiles, painted by the delegate from the model, speak Chinese too.
    auto *model = m_window->bench()->model();
    EXPECT_FALSE(looksEnglish(model->data(model->index(0), Qt::DisplayRole).toString()));
    EXPECT_FALSE(looksEnglish(model->data(model->index(0), app::TokenTileModel::StageTextRole).toString()));
    screenshot(m_window.get(), QStringLiteral("bench-zh_CN"));
    QCoreApplication::removeTranslator(&translator);
}
