// No keystation-cli command takes a secret as an argument (ps and shell history would show it): every
// option whose name speaks of a PIN, password, secret, key or token and takes a value must take a file.
#include "CliRunner.h"

#include <QRegularExpression>

#include <gtest/gtest.h>

using ks::test::CliRunner;

namespace {

struct HelpOption
{
    QString name;
    QString value; // the placeholder, empty for a flag
};

QList<HelpOption> optionsOf(const QByteArray &help)
{
    // QCommandLineParser's help: "  --name <value>   description" (optionally "-x, " before).
    static const QRegularExpression line(QStringLiteral("^\\s+(?:-\\w, )?--([\\w-]+)(?: <([^>]+)>)?"),
                                         QRegularExpression::MultilineOption);
    QList<HelpOption> out;
    auto it = line.globalMatch(QString::fromUtf8(help));
    while (it.hasNext()) {
        const auto m = it.next();
        out << HelpOption { m.captured(1), m.captured(2) };
    }
    return out;
}

TEST(CliOptions, NoCommandTakesASecretOnTheCommandLine)
{
    static const QRegularExpression secretish(
        QStringLiteral("pin|pass|secret|key|token|hmac|credential|auth"),
        QRegularExpression::CaseInsensitiveOption);
    // Reviewed exceptions, each with the reason it is not a secret.
    const QStringList allowed {
        QStringLiteral(
            "ca --tls-pin"), // SHA-256 of the CA server's public key (SPKI pin): public, not a secret
    };
    const CliRunner cli;
    int options = 0;
    for (const QString &command :
         { QStringLiteral("tokens"), QStringLiteral("ca"), QStringLiteral("provision"), QStringLiteral("log"),
           QStringLiteral("operator") }) {
        const CliRunner::Run run = cli.run({ command, QStringLiteral("--help") }, 20000);
        ASSERT_EQ(run.exitCode, 0) << command.toStdString() << ": " << run.all().toStdString();
        const QList<HelpOption> list = optionsOf(run.out);
        ASSERT_FALSE(list.isEmpty()) << command.toStdString() << ": " << run.out.toStdString();
        for (const HelpOption &o : list) {
            ++options;
            if (o.value.isEmpty() || !secretish.match(o.name).hasMatch())
                continue;
            if (allowed.contains(command + QStringLiteral(" --") + o.name))
                continue;
            const bool takesFile = o.name.endsWith(QLatin1String("-file"))
                || o.value.compare(QLatin1String("file"), Qt::CaseInsensitive) == 0;
            EXPECT_TRUE(takesFile) << "keystation-cli " << command.toStdString() << " --"
                                   << o.name.toStdString() << " <" << o.value.toStdString()
                                   << "> takes a secret as an argument";
        }
    }
    EXPECT_GE(options, 20); // the parse really saw the option lists
}

TEST(CliOptions, TheParserRecognisesASecretOption)
{
    // The check above can fail: a made-up help text with a secret option is caught by the same parse.
    const QList<HelpOption> list
        = optionsOf("Options:\n  -p, --pin <pin>  the PIN\n  --password-file <file>  x\n");
    ASSERT_EQ(list.size(), 2);
    EXPECT_EQ(list.at(0).name, QStringLiteral("pin"));
    EXPECT_EQ(list.at(0).value, QStringLiteral("pin"));
    EXPECT_EQ(list.at(1).value, QStringLiteral("file"));
}

} // namespace
