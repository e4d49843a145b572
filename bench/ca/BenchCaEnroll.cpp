// Enrolments per second against a CFSSL server over HTTPS: the CA client one at a time and N concurrent
// (ks_ca's HttpTransport: a TLS connection per request, closed with close_notify), against `curl` started
// once per request (a new process and TLS connection each), in the same run. Usage: see --help;
// scripts/bench-ca sets everything up.
#include "ca_client/CertificateCodec.h"
#include "ca_client/EnrollmentClientFactory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

using namespace ks;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// A P-256 key and a CSR signed by it: what a key would send, made in software for the benchmark.
QByteArray makeCsr(int i)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509_REQ *req = X509_REQ_new();
    X509_REQ_set_version(req, 0);
    X509_NAME *name = X509_REQ_get_subject_name(req);
    const QByteArray cn = QByteArray("BENCH") + QByteArray::number(i).rightJustified(11, '0');
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_REQ_set_pubkey(req, key);
    X509_REQ_sign(req, key, EVP_sha256());
    unsigned char *der = nullptr;
    const int len = i2d_X509_REQ(req, &der);
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    X509_REQ_free(req);
    EVP_PKEY_free(key);
    return out;
}

struct Row
{
    QString name;
    int ok = 0;
    int total = 0;
    qint64 ms = 0;
    double rate() const { return ms > 0 ? ok * 1000.0 / double(ms) : 0; }
};

// The client lives in a worker thread, as in the engine; this thread blocks on the futures.
class ClientThread
{
public:
    explicit ClientThread(const ca::CaSettings &s)
    {
        m_thread.start();
        m_anchor.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &m_anchor,
            [&] {
                auto c = ca::EnrollmentClientFactory::create(s);
                if (c)
                    m_client = std::move(*c);
                else
                    m_error = c.error().toString();
            },
            Qt::BlockingQueuedConnection);
    }
    ~ClientThread()
    {
        QMetaObject::invokeMethod(
            &m_anchor, [&] { m_client.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ca::EnrollmentClient *client() { return m_client.get(); }
    QString error() const { return m_error; }

private:
    QThread m_thread;
    QObject m_anchor;
    std::unique_ptr<ca::EnrollmentClient> m_client;
    QString m_error;
};

Row runClient(const ca::CaSettings &base, const QList<QByteArray> &csrs, int concurrency)
{
    ca::CaSettings s = base;
    s.maxConcurrent = concurrency;
    ClientThread t(s);
    Row row;
    row.name = concurrency == 1 ? QStringLiteral("ks_ca sequential")
                                : QStringLiteral("ks_ca %1 concurrent").arg(concurrency);
    row.total = int(csrs.size());
    if (!t.client()) {
        out() << "client: " << t.error() << Qt::endl;
        return row;
    }
    // Warm-up: one request (TLS handshake, cfssl's first-sign costs) outside the timing.
    t.client()->info().waitForFinished();
    QElapsedTimer timer;
    timer.start();
    if (concurrency == 1) {
        for (const QByteArray &csr : csrs) {
            auto f = t.client()->enroll({ csr, {}, false, {} });
            f.waitForFinished();
            row.ok += f.result().hasValue() ? 1 : 0;
        }
    } else {
        QList<QFuture<ca::Result<ca::IssuedCertificate>>> futures;
        for (const QByteArray &csr : csrs)
            futures << t.client()->enroll({ csr, {}, false, {} });
        for (auto &f : futures) {
            f.waitForFinished();
            if (f.result().hasValue())
                ++row.ok;
            else if (row.ok == 0)
                out() << "  first error: " << f.result().error().toString() << Qt::endl;
        }
    }
    row.ms = timer.elapsed();
    return row;
}

Row runCurl(const QString &url, const QString &caBundle, const QString &profile,
            const QList<QByteArray> &csrs, int parallel, const QTemporaryDir &dir)
{
    Row row;
    row.name = parallel == 1 ? QStringLiteral("curl per request")
                             : QStringLiteral("curl per request, %1 parallel").arg(parallel);
    row.total = int(csrs.size());
    QStringList bodies;
    for (int i = 0; i < csrs.size(); ++i) {
        QJsonObject o;
        o.insert(QStringLiteral("certificate_request"),
                 QString::fromLatin1(ca::CertificateCodec::csrToPem(csrs[i])));
        if (!profile.isEmpty())
            o.insert(QStringLiteral("profile"), profile);
        const QString path = dir.filePath(QStringLiteral("body%1.json").arg(i));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
        bodies << path;
    }
    QElapsedTimer timer;
    timer.start();
    int next = 0;
    QList<QProcess *> running;
    auto launch = [&](int i) {
        auto *p = new QProcess;
        p->start(QStringLiteral("curl"),
                 { QStringLiteral("-s"), QStringLiteral("--http1.1"), QStringLiteral("--cacert"), caBundle,
                   QStringLiteral("-d"), QLatin1Char('@') + bodies[i],
                   url + QStringLiteral("/api/v1/cfssl/sign") });
        running << p;
    };
    while (next < bodies.size() || !running.isEmpty()) {
        while (next < bodies.size() && running.size() < parallel)
            launch(next++);
        QProcess *p = running.takeFirst();
        p->waitForFinished(30000);
        if (p->exitCode() == 0 && p->readAllStandardOutput().contains("\"success\":true"))
            ++row.ok;
        delete p;
    }
    row.ms = timer.elapsed();
    return row;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Enrolments per second against a CFSSL server (see scripts/bench-ca)."));
    p.addHelpOption();
    p.addOptions(
        { { QStringLiteral("url"), QStringLiteral("cfssl base URL"), QStringLiteral("url") },
          { QStringLiteral("ca-bundle"), QStringLiteral("PEM trusting the server"), QStringLiteral("file") },
          { QStringLiteral("profile"), QStringLiteral("cfssl profile"), QStringLiteral("name") },
          { QStringLiteral("count"), QStringLiteral("requests per run"), QStringLiteral("n"),
            QStringLiteral("200") },
          { QStringLiteral("concurrency"), QStringLiteral("concurrent requests (comma list)"),
            QStringLiteral("n,m"), QStringLiteral("4,8") } });
    p.process(app);
    const int count = p.value(QStringLiteral("count")).toInt();
    const QString url = p.value(QStringLiteral("url"));
    const QString bundle = p.value(QStringLiteral("ca-bundle"));
    const QString profile = p.value(QStringLiteral("profile"));

    QList<QByteArray> csrs;
    for (int i = 0; i < count; ++i)
        csrs << makeCsr(i);

    ca::CaSettings s;
    s.protocol = ca::CaSettings::Protocol::Cfssl;
    s.baseUrl = QUrl(url);
    s.trustAnchorFile = bundle;
    s.profile = profile;

    QList<int> levels;
    for (const QString &n : p.value(QStringLiteral("concurrency")).split(u',', Qt::SkipEmptyParts))
        levels << n.toInt();

    QTemporaryDir dir;
    QList<Row> rows;
    rows << runCurl(url, bundle, profile, csrs, 1, dir);
    rows << runClient(s, csrs, 1);
    for (int n : levels) {
        rows << runCurl(url, bundle, profile, csrs, n, dir);
        rows << runClient(s, csrs, n);
    }

    const double baseline = rows[0].rate();
    out() << QStringLiteral("\nCFSSL sign over HTTPS on loopback, %1 requests per run, %2 cores\n")
                 .arg(count)
                 .arg(QThread::idealThreadCount());
    out() << QStringLiteral("%1 %2 %3 %4\n")
                 .arg(QStringLiteral("run"), -34)
                 .arg(QStringLiteral("ok"), 9)
                 .arg(QStringLiteral("enrol/s"), 9)
                 .arg(QStringLiteral("x curl"), 8);
    for (const Row &r : rows)
        out() << QStringLiteral("%1 %2 %3 %4\n")
                     .arg(r.name, -34)
                     .arg(QStringLiteral("%1/%2").arg(r.ok).arg(r.total), 9)
                     .arg(r.rate(), 9, 'f', 1)
                     .arg(baseline > 0 ? r.rate() / baseline : 0.0, 8, 'f', 2);
    out() << QStringLiteral(
        "(ks_ca: one TLS connection per request, closed with close_notify; the level is its "
        "maxConcurrent. curl: one process and TLS handshake per request. Load average at the end: "
        "see `uptime`.)\n");
    out().flush();
    for (const Row &r : rows) {
        if (r.ok != r.total)
            return 1;
    }
    return 0;
}
