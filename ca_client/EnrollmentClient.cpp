#include "ca_client/EnrollmentClient.h"

#include "ca_client/CertificateCodec.h"
#include "ca_client/HttpTransport.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QThread>

namespace ks::ca {

EnrollmentClient::EnrollmentClient(CaSettings settings, std::unique_ptr<HttpTransport> transport,
                                   QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_transport(transport.release())
{
    m_transport->setParent(this);
}

EnrollmentClient::~EnrollmentClient()
{
    cancelAll();
}

template<class T, class Start> QFuture<Result<T>> EnrollmentClient::dispatch(Start start)
{
    auto op = std::make_shared<Operation<T>>();
    QFuture<Result<T>> future = op->future();
    // Hop to the client's thread. If the client is gone first, the lambda and op die unrun and op finishes
    // with Cancelled in its destructor.
    QMetaObject::invokeMethod(
        this,
        [this, op, start = std::move(start)]() mutable {
            if (op->isFutureCanceled()) {
                op->cancel();
                return;
            }
            m_operations.insert(op.get(), op);
            op->setOnDone([this, raw = op.get()] { m_operations.remove(raw); });
            auto *watcher = new QFutureWatcher<Result<T>>(this);
            std::weak_ptr<Operation<T>> weak = op;
            connect(watcher, &QFutureWatcherBase::canceled, this, [weak] {
                if (auto o = weak.lock())
                    o->cancel();
            });
            connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
            watcher->setFuture(op->future());
            start(op);
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<Result<IssuedCertificate>> EnrollmentClient::enroll(EnrollmentRequest request)
{
    return dispatch<IssuedCertificate>(
        [this, request = std::move(request)](std::shared_ptr<Operation<IssuedCertificate>> op) {
            op->serial = request.serial;
            startEnroll(std::move(op), request);
        });
}

QFuture<Result<QList<QByteArray>>> EnrollmentClient::fetchCaCertificates()
{
    return dispatch<QList<QByteArray>>([this](std::shared_ptr<Operation<QList<QByteArray>>> op) {
        startFetchCaCertificates(std::move(op));
    });
}

QFuture<Result<CaInfo>> EnrollmentClient::info()
{
    return dispatch<CaInfo>([this](std::shared_ptr<Operation<CaInfo>> op) { startInfo(std::move(op)); });
}

void EnrollmentClient::cancelAll()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, &EnrollmentClient::cancelAll, Qt::QueuedConnection);
        return;
    }
    const auto ops = m_operations.values();
    for (const auto &op : ops)
        op->cancel();
    m_operations.clear();
}

void EnrollmentClient::send(const std::shared_ptr<OperationBase> &op, HttpRequest request,
                            std::function<void(HttpResponse)> onResponse)
{
    const quint64 id = m_transport->send(
        std::move(request), [op, onResponse = std::move(onResponse)](Result<HttpResponse> result) {
            if (op->isDone())
                return;
            op->setAbort({});
            if (!result) {
                op->fail(result.error());
                return;
            }
            onResponse(std::move(*result));
        });
    op->setAbort([transport = QPointer<HttpTransport>(m_transport), id] {
        if (transport)
            transport->abort(id);
    });
}

QString EnrollmentClient::serverText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(2048)).simplified();
    for (QChar &c : text) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    return text.left(512);
}

} // namespace ks::ca
