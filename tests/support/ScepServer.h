#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace ks::test {

// Runs Debian's `scepserver` (micromdm scep) for one test on a free port: `scepserver ca -init -depot D
// -keySize 2048` makes a fresh CA in a private temp dir, then `scepserver -depot D -port P -challenge PASS
// -debug`. It listens on every interface; tests connect via 127.0.0.1 only. Plain HTTP (SCEP's trust is the
// pinned CA certificate and the message-level signature and encryption).
class ScepServer
{
public:
    ScepServer();
    ~ScepServer(); // stops the server
    ScepServer(const ScepServer &) = delete;
    ScepServer &operator=(const ScepServer &) = delete;

    // Waits (≤ 10 s) until GET ?operation=GetCACaps answers 200. An empty challenge starts it without one.
    bool start(const QString &challenge = QStringLiteral("scep-test-challenge"));
    void stop();

    quint16 port() const { return m_port; }
    QUrl url() const; // http://127.0.0.1:PORT/scep
    QString errorString() const { return m_error; }
    QString log() const; // the server's output so far (-debug)

    QString caCertificatePath() const; // depot/ca.pem
    QByteArray caCertificateDer() const;
    QByteArray caCertificateSha256() const; // raw 32 bytes: what CaSettings::caCertificateSha256 holds
    QString depotPath() const;
    // PKIOperation messages the server handled (from its log), and certificates it issued (depot/index.txt).
    int pkiOperationCount() const;
    int issuedCount() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace ks::test
