#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace ks::test {

// Runs `cfssl serve` or `multirootca` (Debian golang-cfssl) on 127.0.0.1 and a free port, over TLS, for one
// test. Writes the signing config into a private temp dir:
//   default        24h, digital signature only (what cfssl silently uses for an unknown profile name)
//   "station"      8760h, digital signature + client auth (exactly what the EC test profiles ask: the station
//                  refuses usages it did not ask for)
//   "station-auth" same, but only through authsign with authKeyHex() (cfssl "auth_key")
//   "station-rsa"  8760h, digital signature + key encipherment + client auth (an RSA profile's usages)
// cfssl serve keeps issued certificates in a SQLite certdb (-db-config), so issuedCount() is the CA's own
// count. multirootca has no certdb: issuedCount() returns -1 there.
class CfsslServer
{
public:
    struct Options
    {
        QString caCertPath; // signing CA (PEM) and its key
        QString caKeyPath;
        QString tlsCertPath; // TLS server certificate for 127.0.0.1 and its key
        QString tlsKeyPath;
        QString mutualTlsCaPath; // non-empty: require TLS client certificates from this CA
        QString mutualTlsCnRegex = QStringLiteral(".*");
        // For the readiness probe against a mutual-TLS server.
        QString probeClientCertPath;
        QString probeClientKeyPath;
        QString probeTrustPath; // CA bundle verifying the TLS server (defaults to caCertPath)
        quint16 port = 0; // cfssl serve: this port (a CA back where it was); 0: a free one
    };
    struct Root
    {
        QString label;
        QString caCertPath;
        QString caKeyPath;
    };

    CfsslServer();
    ~CfsslServer(); // stops the server
    CfsslServer(const CfsslServer &) = delete;
    CfsslServer &operator=(const CfsslServer &) = delete;

    // cfssl serve; waits (≤ 10 s) until POST /api/v1/cfssl/info {} answers 200.
    bool start(const Options &options);
    // multirootca with one root per entry (every profile requires authsign); defaultLabel may be empty.
    bool startMultiroot(const QList<Root> &roots, const QString &tlsCertPath, const QString &tlsKeyPath,
                        const QString &trustPath, const QString &defaultLabel = {});
    void stop();

    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // https://127.0.0.1:PORT
    QString errorString() const { return m_error; }
    QString log() const; // the server's stderr so far

    // Certificates the CA recorded in its certdb; -1 without one (multirootca) or on failure.
    int issuedCount() const;

    static QByteArray authKeyHex()
    {
        return QByteArrayLiteral("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    }
    static QString configJson(bool everyProfileAuthenticated);

private:
    bool launch(const QString &program, const QStringList &args, const QString &trustPath,
                const QString &clientCert, const QString &clientKey);
    static quint16 freePort();

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_dbPath;
    QString m_error;
};

} // namespace ks::test
