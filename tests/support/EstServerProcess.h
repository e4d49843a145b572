#pragma once

#include "TestPki.h"

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace ks::test {

// Runs ks-est-testserver (tests/estserver) as a child process with a TestPki's files, on 127.0.0.1 and a free
// port. Control requests (mode, stats) use a blocking QSslSocket, so no event loop is needed.
class EstServerProcess
{
public:
    explicit EstServerProcess(const TestPki &pki);
    ~EstServerProcess(); // stops the server
    EstServerProcess(const EstServerProcess &) = delete;
    EstServerProcess &operator=(const EstServerProcess &) = delete;

    // Starts the server with --ca-cert/--ca-key (the PKI's issuing CA; --chain root when it has an
    // intermediate), --tls-cert/--tls-key (server.pem), --untrusted-ca-*, --port 0, then extraArgs (e.g.
    // {"--basic", "u:p"}, {"--mode", "expired"}). Waits up to 10 s for "LISTENING <port>".
    bool start(const QStringList &extraArgs = {});
    // SIGTERM, then SIGKILL after 5 s. True when the server exited by itself with code 0 (under ASan this
    // also means LeakSanitizer found nothing); true as well when it was not running.
    bool stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    quint16 port() const { return m_port; }
    // https://127.0.0.1:PORT/.well-known/est, plus /LABEL when started with --label LABEL.
    QUrl baseUrl() const;
    // TLS settings that trust the test root CA (for QNetworkRequest::setSslConfiguration).
    QSslConfiguration sslConfiguration() const;

    // POST /control/mode: "good", "expired", ... or "cacerts:MODE" for /cacerts. False on failure.
    bool setMode(const QString &mode);
    // POST /control/reset: counters, pending attempts and modes back to the start values.
    bool reset();
    // GET /control/stats; -1 on failure.
    int issuedCount();
    int requestCount();

    // Blocking HTTPS request to the server (verified against the test root), for control and simple tests.
    struct Reply
    {
        int status = 0; // 0 = no HTTP answer (see error)
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QString error;
        QByteArray header(const QByteArray &name) const;
    };
    Reply request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                  const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 10000) const;

    static QString executablePath();

private:
    int stat(const QString &key);

    TestPki m_pki;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_label;
    QString m_error;
};

} // namespace ks::test
