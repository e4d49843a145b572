// docs/profiles.md gives key issuers a shell recipe (OpenSSL + bc) for the derived PIN. This test takes the
// recipe from the document itself (between its pin-recipe markers), runs it with bash, and compares what it
// prints with ks::core::PinDerivation::derive: the documented example as written, then random secrets,
// serials and lengths put into its three variable lines. A recipe that drifts from the code fails here.
#include "core/PinDerivation.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringList>

#include <gtest/gtest.h>

using ks::core::PinDerivation;

namespace {

QString recipeFromDocs()
{
    QFile file(QStringLiteral(KS_SOURCE_DIR "/docs/profiles.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    const QString begin = QStringLiteral("<!-- pin-recipe:begin -->");
    const QString end = QStringLiteral("<!-- pin-recipe:end -->");
    const qsizetype from = text.indexOf(begin);
    const qsizetype to = text.indexOf(end);
    if (from < 0 || to < from)
        return {};
    QStringList lines = text.mid(from + begin.size(), to - from - begin.size()).split(QLatin1Char('\n'));
    lines.removeIf([](const QString &line) { return line.startsWith(QStringLiteral("```")); });
    return lines.join(QLatin1Char('\n'));
}

// Runs the recipe with bash; environment variables are visible to it as $NAME.
QString run(const QString &script, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess bash;
    bash.setProcessEnvironment(env);
    bash.start(QStringLiteral("bash"), { QStringLiteral("-euc"), script });
    if (!bash.waitForFinished(20000) || bash.exitStatus() != QProcess::NormalExit || bash.exitCode() != 0) {
        ADD_FAILURE() << "the recipe failed: " << bash.readAllStandardError().toStdString();
        return {};
    }
    return QString::fromLatin1(bash.readAllStandardOutput()).trimmed();
}

// The recipe's `name=...` line, replaced by name="$VARIABLE"; empty when the recipe has no such line.
QString withVariable(const QString &script, const QString &name, const QString &variable)
{
    const QRegularExpression line(QStringLiteral("^%1=.*$").arg(name), QRegularExpression::MultilineOption);
    if (!script.contains(line))
        return {};
    QString out = script;
    return out.replace(line, QStringLiteral("%1=\"$%2\"").arg(name, variable));
}

QString valueOf(const QString &script, const QString &name)
{
    const QRegularExpression line(QStringLiteral("^%1=(.*)$").arg(name), QRegularExpression::MultilineOption);
    const auto match = line.match(script);
    QString value = match.hasMatch() ? match.captured(1).trimmed() : QString();
    // The documented lines may quote their value and carry a trailing comment.
    if (value.startsWith(QLatin1Char('\''))) {
        value = value.mid(1, value.indexOf(QLatin1Char('\''), 1) - 1);
    } else {
        value = value.section(QLatin1Char(' '), 0, 0);
    }
    return value;
}

} // namespace

TEST(PinRecipe, DocumentedRecipeAsWrittenPrintsTheDocumentedPinAndTheCodesPin)
{
    const QString recipe = recipeFromDocs();
    ASSERT_FALSE(recipe.isEmpty()) << "no pin-recipe block in docs/profiles.md";
    const QString secret = valueOf(recipe, QStringLiteral("secret"));
    const QString serial = valueOf(recipe, QStringLiteral("serial"));
    const int digits = valueOf(recipe, QStringLiteral("digits")).toInt();
    ASSERT_EQ(secret, QStringLiteral("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    ASSERT_EQ(serial, QStringLiteral(" 9a3f 0012 abcd "));
    ASSERT_EQ(digits, 8);

    const QString printed = run(recipe);
    EXPECT_EQ(printed, QStringLiteral("65427081")); // the test vector in docs/profiles.md
    auto pin = PinDerivation::derive(QByteArray::fromHex(secret.toLatin1()), serial, digits);
    ASSERT_TRUE(pin);
    EXPECT_EQ(printed, QString::fromLatin1(*pin));
}

TEST(PinRecipe, DocumentedRecipeAgreesWithTheCodeForRandomSecretsSerialsAndLengths)
{
    QString recipe = recipeFromDocs();
    ASSERT_FALSE(recipe.isEmpty());
    recipe = withVariable(recipe, QStringLiteral("secret"), QStringLiteral("KS_RECIPE_SECRET"));
    ASSERT_FALSE(recipe.isEmpty()) << "the recipe has no secret= line";
    recipe = withVariable(recipe, QStringLiteral("serial"), QStringLiteral("KS_RECIPE_SERIAL"));
    ASSERT_FALSE(recipe.isEmpty()) << "the recipe has no serial= line";
    recipe = withVariable(recipe, QStringLiteral("digits"), QStringLiteral("KS_RECIPE_DIGITS"));
    ASSERT_FALSE(recipe.isEmpty()) << "the recipe has no digits= line";

    // Serial characters: what tokens report, and what the rule drops (blanks, ':' and '-').
    const QString alphabet = QStringLiteral("0123456789ABCDEFabcdefXYZxyz \t:-");
    auto *random = QRandomGenerator::global();
    for (int round = 0; round < 12; ++round) {
        QByteArray secret(16 + static_cast<int>(random->bounded(33)), '\0');
        for (auto &byte : secret)
            byte = static_cast<char>(random->bounded(256));
        QString serial = QString(QLatin1Char("0123456789ABCDEF"[random->bounded(16)]));
        const int length = 1 + static_cast<int>(random->bounded(20));
        for (int i = 0; i < length; ++i)
            serial.insert(static_cast<qsizetype>(random->bounded(serial.size() + 1)),
                          alphabet.at(random->bounded(alphabet.size())));
        const int digits = PinDerivation::minDigits
            + static_cast<int>(random->bounded(PinDerivation::maxDigits - PinDerivation::minDigits + 1));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KS_RECIPE_SECRET"), QString::fromLatin1(secret.toHex()));
        env.insert(QStringLiteral("KS_RECIPE_SERIAL"), serial);
        env.insert(QStringLiteral("KS_RECIPE_DIGITS"), QString::number(digits));
        auto pin = PinDerivation::derive(secret, serial, digits);
        ASSERT_TRUE(pin);
        EXPECT_EQ(run(recipe, env), QString::fromLatin1(*pin))
            << "serial '" << serial.toStdString() << "', " << digits << " digits";
    }
}
