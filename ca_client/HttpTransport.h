#pragma once

#include "ca_client/CaError.h"
#include "ca_client/CaSettings.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QUrl>

#include <deque>
#include <functional>
#include <map>
#include <memory>

class QSslSocket;
class QTimer;

namespace ks::ca {

struct HttpRequest
{
    QByteArray verb = "GET"; // GET or POST
    QUrl url;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString operation; // for errors and logs, e.g. "est/simpleenroll"
};

struct HttpResponse
{
    int status = 0;
    QByteArray contentType;
    QByteArray contentTransferEncoding;
    QByteArray retryAfter;
    QByteArray reasonPhrase; // the status line's text ("Unauthorized"), as the server sent it
    QByteArray date; // the Date header as sent (RFC 9110 IMF-fixdate), empty when none: the CA's clock
    QByteArray body;
};

// HTTP/1.1 over TLS to one CA endpoint: one connection per request ("Connection: close"), ended with a TLS
// close_notify (QSslSocket::disconnectFromHost) as strict servers expect; TLS as configured, a bound on
// requests in flight (the rest queue), a per-request time-out, a cap on headers and body. Lives in one
// thread; every method must be called from it (EnrollmentClient does the thread hop). The callback of send()
// runs exactly once, also for abort(), time-out and destruction; HTTP error statuses are responses, not
// errors.
class HttpTransport : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<HttpResponse>)>;

    // Loads the trust anchors and client credentials named in the settings.
    static Result<std::unique_ptr<HttpTransport>> create(const CaSettings &settings);
    ~HttpTransport() override;

    quint64 send(HttpRequest request, Callback done);
    void abort(quint64 id);
    void abortAll();

    int inFlight() const { return int(m_active.size()); }
    int queued() const { return int(m_queue.size()); }

    // SHA-256 of a certificate's SubjectPublicKeyInfo (what pinnedSpkiSha256 holds).
    static QByteArray spkiSha256(const QByteArray &certificateDer);

private:
    struct Call
    {
        quint64 id = 0;
        HttpRequest request;
        Callback done;
        QSslSocket *socket = nullptr;
        QTimer *timer = nullptr;
        bool cancelled = false;
        bool timedOut = false;
        bool tooLarge = false;
        bool malformed = false; // not HTTP/1.x, or a broken chunk: socketError says which
        bool pinFailed = false;
        bool encrypted = false;
        bool complete = false; // the whole answer is in `response`
        QList<QSslError> sslErrors;
        QString socketError; // how the connection failed, when it did
        QByteArray received; // what came in and is not parsed yet
        bool headersDone = false;
        bool chunked = false;
        qint64 contentLength = -1; // -1: until the server closes (or chunked)
        HttpResponse response;
        QList<QPair<QByteArray, QByteArray>> responseHeaders;
    };

    HttpTransport(const CaSettings &settings, QSslConfiguration tls);
    void startNext();
    void start(std::unique_ptr<Call> call);
    void onReadyRead(Call &call);
    bool parse(Call &call); // true when the answer is complete or refused (tooLarge)
    void finish(quint64 id);
    void checkPin(Call &call);
    bool pinMatches(const QSslSocket *socket) const;
    Result<HttpResponse> toResult(Call &call);
    CaError error(const Call &call, CaError::Code code, QString message) const;

    CaSettings m_settings;
    QSslConfiguration m_tls;
    quint64 m_nextId = 1;
    std::map<quint64, std::unique_ptr<Call>> m_active;
    std::deque<std::unique_ptr<Call>> m_queue;
};

} // namespace ks::ca
