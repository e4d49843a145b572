#pragma once

#include "EstServerOptions.h"
#include "HttpRequest.h"
#include "HttpResponse.h"
#include "TestPki.h"

#include <QHash>
#include <QObject>

#include <memory>

class QSslServer;
class QSslSocket;

namespace ks::test {

class HttpConnection;

// RFC 7030 / RFC 8951 EST responder for tests, with switchable misbehaviour (EstMode). Single-threaded and
// event-driven; every answer is computed on the GUI-less main thread.
class EstServer : public QObject
{
    Q_OBJECT
public:
    explicit EstServer(const EstServerOptions &options, QObject *parent = nullptr);
    ~EstServer() override;

    // Loads the PEM files and listens on 127.0.0.1; false with *error on failure.
    bool start(QString *error);
    quint16 port() const;

private:
    void acceptConnections();
    void handle(ks::test::HttpConnection *connection, const ks::test::HttpRequest &request);
    HttpResponse route(HttpConnection *connection, const HttpRequest &request, int *delayMs);
    HttpResponse control(const QByteArray &operation, const HttpRequest &request);
    HttpResponse cacerts(int *delayMs);
    HttpResponse enroll(HttpConnection *connection, const HttpRequest &request, int *delayMs);
    std::optional<HttpResponse> authorize(HttpConnection *connection, const HttpRequest &request) const;
    bool clientCertificateTrusted(QSslSocket *socket) const;
    QByteArray issue(const QByteArray &csrDer, EstMode mode);
    HttpResponse pkcs7Response(const QList<QByteArray> &certDers, EstMode mode, bool enrolment,
                               int *delayMs) const;

    EstServerOptions m_options;
    QSslServer *m_server = nullptr;
    CertPtr m_caCert;
    KeyPtr m_caKey;
    QList<QByteArray> m_cacertsDers; // /cacerts: the issuing CA, then --chain (or --cacerts)
    QList<QByteArray> m_enrollChainDers; // --enroll-chain: the issuing CA, then --chain
    CertPtr m_untrustedCaCert;
    KeyPtr m_untrustedCaKey;
    std::shared_ptr<X509_STORE> m_clientCaStore;
    EstMode m_mode;
    EstMode m_cacertsMode;
    qint64 m_issued = 0;
    qint64 m_requests = 0;
    QHash<QByteArray, int> m_attempts; // enrolment attempts per SubjectPublicKeyInfo, for --pending
};

} // namespace ks::test
