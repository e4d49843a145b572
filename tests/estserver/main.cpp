// ks-est-testserver: an RFC 7030 EST server for tests (docs/est-test-server.md).
#include "EstServer.h"
#include "EstServerOptions.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1); // async-signal-safe
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString error;
    const auto options = ks::test::EstServerOptions::parse(app.arguments().mid(1), &error);
    if (!options) {
        std::fprintf(stderr, "ks-est-testserver: %s\n%s", qPrintable(error),
                     qPrintable(ks::test::EstServerOptions::usage()));
        return 2;
    }

    // SIGTERM/SIGINT end the event loop cleanly (self-pipe: Qt calls are not allowed in a signal handler).
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        std::perror("socketpair");
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    ks::test::EstServer server(*options);
    if (!server.start(&error)) {
        std::fprintf(stderr, "ks-est-testserver: %s\n", qPrintable(error));
        return 1;
    }
    std::fprintf(stdout, "LISTENING %u\n", static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    return app.exec();
}
