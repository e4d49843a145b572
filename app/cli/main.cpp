// keystation-cli: the application object; the commands are ks_cli's (CliMain.cpp).
#include "CliMain.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <csignal>
#include <cstring>
#include <memory>

int main(int argc, char **argv)
{
    // A full disk (or a file-size limit) must surface as a write error the journal reports, not kill the
    // station in the middle of a key.
    std::signal(SIGXFSZ, SIG_IGN);
    // PDFs (lot report --pdf; the label sheet a profile with "labels" asks for at a batch's end) are drawn
    // with QtGui: those commands run a QGuiApplication, on the offscreen platform unless QT_QPA_PLATFORM
    // names one.
    int first = 1; // the command: the first argument that is not --verbose
    while (first < argc && std::strcmp(argv[first], "--verbose") == 0)
        ++first;
    bool needsGui = first < argc && std::strcmp(argv[first], "provision") == 0;
    if (first < argc && std::strcmp(argv[first], "lot") == 0)
        for (int i = first + 1; i < argc; ++i)
            needsGui = needsGui || std::strncmp(argv[i], "--pdf", 5) == 0;
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The offscreen platform asks for the runtime directory, which a service or a shell without a login
    // session lacks: Qt's warning about it says nothing to an operator and is dropped (only while the
    // application object is made).
    static QtMessageHandler previous = nullptr;
    if (needsGui)
        previous = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext &context, const QString &msg) {
                if (!msg.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")) && previous)
                    previous(type, context, msg);
            });
    const std::unique_ptr<QCoreApplication> app = needsGui
        ? std::unique_ptr<QCoreApplication>(std::make_unique<QGuiApplication>(argc, argv))
        : std::make_unique<QCoreApplication>(argc, argv);
    if (needsGui)
        qInstallMessageHandler(previous);
    QCoreApplication::setApplicationName(QStringLiteral("keystation"));
    QCoreApplication::setOrganizationName(QStringLiteral("KeyStation"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KS_VERSION));

    return ks::app::runCli(QCoreApplication::arguments().mid(1));
}
