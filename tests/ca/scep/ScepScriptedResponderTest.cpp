// A seam for what scepserver cannot be made to do: answer PENDING, sign with the wrong key, or echo the wrong
// nonce. A small SCEP responder on 127.0.0.1 (plain HTTP, own thread) built with OpenSSL's PKCS#7 API: it
// really verifies and decrypts the request and issues from the CSR, so only the chosen fault is scripted.
#include "ca_client/CertificateCodec.h"
#include "ca_client/CertificateVerifier.h"
#include "ca_client/ScepClient.h"
#include "ca_client/SoftwareScepRequesterKey.h"

#include "ClientHarness.h"
#include "TestPki.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <atomic>
#include <memory>

#include <gtest/gtest.h>

using namespace ks;
using ca::CaError;
using ca::CaSettings;
using test::ClientHarness;
using test::TestPki;

namespace {

int nid(const char *oid)
{
    const int n = OBJ_txt2nid(oid);
    return n != NID_undef ? n : OBJ_create(oid, nullptr, nullptr);
}

QByteArray attribute(PKCS7_SIGNER_INFO *si, int n)
{
    ASN1_TYPE *t = PKCS7_get_signed_attribute(si, n);
    if (!t || !t->value.asn1_string)
        return {};
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(t->value.asn1_string)),
                      ASN1_STRING_length(t->value.asn1_string));
}

void addAttribute(PKCS7_SIGNER_INFO *si, int n, int type, const QByteArray &value)
{
    ASN1_STRING *s = ASN1_STRING_type_new(type);
    ASN1_STRING_set(s, value.constData(), int(value.size()));
    PKCS7_add_signed_attribute(si, n, type, s);
}

QByteArray p7Der(PKCS7 *p7)
{
    unsigned char *der = nullptr;
    const int len = i2d_PKCS7(p7, &der);
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

QByteArray bioBytes(BIO *bio)
{
    BUF_MEM *mem = nullptr;
    BIO_get_mem_ptr(bio, &mem);
    return mem ? QByteArray(mem->data, qsizetype(mem->length)) : QByteArray();
}

class ScriptedScepResponder
{
public:
    enum class Fault
    {
        None,
        WrongSigner, // the CertRep is signed by a CA the client did not pin
        WrongNonce, // recipientNonce is not the request's senderNonce
    };

    explicit ScriptedScepResponder(const TestPki &pki)
        : m_pki(pki)
    {
        m_context = new QObject;
        m_server = new QTcpServer(m_context);
        m_server->listen(QHostAddress::LocalHost, 0);
        m_port = m_server->serverPort();
        QObject::connect(m_server, &QTcpServer::newConnection, m_context, [this] {
            while (QTcpSocket *s = m_server->nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { onReadyRead(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        m_context->moveToThread(&m_thread);
        m_thread.start();
    }
    ~ScriptedScepResponder()
    {
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/scep").arg(m_port)); }
    std::atomic<int> pendingAnswers { 0 }; // how many PKIOperations answer PENDING before SUCCESS
    std::atomic<Fault> fault { Fault::None };
    std::atomic<int> pkcsReqs { 0 };
    std::atomic<int> certPolls { 0 };
    std::atomic<bool> postAllowed { true }; // GetCACaps lists POSTPKIOperation
    std::atomic<int> posts { 0 };
    std::atomic<int> gets { 0 };

private:
    void onReadyRead(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        const QByteArray body = buffer.mid(end + 4, length);
        const QByteArray target = head.split(' ').value(1);
        m_buffers.remove(s);
        s->write(answer(target, body));
        s->disconnectFromHost();
    }

    static QByteArray http(const QByteArray &type, const QByteArray &body, int status = 200)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
            + body;
    }

    QByteArray answer(const QByteArray &target, const QByteArray &body)
    {
        const QUrlQuery query(QUrl(QString::fromLatin1(target)).query());
        const QString operation = query.queryItemValue(QStringLiteral("operation"));
        if (operation == u"GetCACaps")
            return http("text/plain", postAllowed ? "POSTPKIOperation\nSHA-256\nAES\n" : "SHA-256\nAES\n");
        if (operation == u"GetCACert")
            return http("application/x-x509-ca-cert", m_pki.caCertDer());
        if (operation == u"PKIOperation" && !body.isEmpty()) {
            ++posts;
            return http("application/x-pki-message", certRep(body));
        }
        if (operation == u"PKIOperation") {
            // RFC 8894 4.3: GET with the message in base64, URL-encoded.
            ++gets;
            const QByteArray message = QByteArray::fromBase64(
                query.queryItemValue(QStringLiteral("message"), QUrl::FullyDecoded).toLatin1());
            return http("application/x-pki-message", certRep(message));
        }
        return http("text/plain", "no", 404);
    }

    // Verifies and opens the request as a CA would, then answers as scripted.
    QByteArray certRep(const QByteArray &request)
    {
        const auto *p = reinterpret_cast<const unsigned char *>(request.constData());
        std::unique_ptr<PKCS7, decltype(&PKCS7_free)> req(d2i_PKCS7(nullptr, &p, long(request.size())),
                                                          PKCS7_free);
        std::unique_ptr<BIO, decltype(&BIO_free)> content(BIO_new(BIO_s_mem()), BIO_free);
        if (!req || PKCS7_verify(req.get(), nullptr, nullptr, nullptr, content.get(), PKCS7_NOVERIFY) != 1)
            return "not a verifiable request";
        PKCS7_SIGNER_INFO *si = sk_PKCS7_SIGNER_INFO_value(PKCS7_get_signer_info(req.get()), 0);
        const QByteArray type = attribute(si, nid("2.16.840.1.113733.1.9.2"));
        const QByteArray transaction = attribute(si, nid("2.16.840.1.113733.1.9.7"));
        const QByteArray nonce = attribute(si, nid("2.16.840.1.113733.1.9.5"));
        STACK_OF(X509) *signers = PKCS7_get0_signers(req.get(), nullptr, 0);
        X509 *requester = sk_X509_value(signers, 0);
        const QByteArray envelope = bioBytes(content.get());
        p = reinterpret_cast<const unsigned char *>(envelope.constData());
        std::unique_ptr<PKCS7, decltype(&PKCS7_free)> env(d2i_PKCS7(nullptr, &p, long(envelope.size())),
                                                          PKCS7_free);
        std::unique_ptr<BIO, decltype(&BIO_free)> inner(BIO_new(BIO_s_mem()), BIO_free);
        if (!env || PKCS7_decrypt(env.get(), m_pki.caKey(), m_pki.caCert(), inner.get(), 0) != 1)
            return "not decryptable";
        if (type == "19") {
            ++pkcsReqs;
            m_csr = bioBytes(inner.get());
        } else if (type == "20") {
            ++certPolls;
        }
        QByteArray status = "0";
        QByteArray replyContent;
        if (pendingAnswers.fetch_sub(1) > 0) {
            status = "3";
        } else {
            test::IssueOptions o;
            o.issuerCert = m_pki.caCert();
            o.issuerKey = m_pki.caKey();
            o.extendedKeyUsage = { QString::fromLatin1(test::OidClientAuth) };
            const QByteArray certs = TestPki::certsOnlyPkcs7({ TestPki::issueFromCsr(m_csr, o) });
            STACK_OF(X509) *to = sk_X509_new_null();
            sk_X509_push(to, requester);
            BIO *in = BIO_new_mem_buf(certs.constData(), int(certs.size()));
            PKCS7 *reply = PKCS7_encrypt(to, in, EVP_aes_128_cbc(), PKCS7_BINARY);
            replyContent = p7Der(reply);
            PKCS7_free(reply);
            BIO_free(in);
            sk_X509_free(to);
        }
        sk_X509_free(signers);
        QByteArray recipientNonce = nonce;
        if (fault == Fault::WrongNonce)
            recipientNonce = QByteArray(16, '\x42');
        const bool wrongSigner = fault == Fault::WrongSigner;
        X509 *signerCert = wrongSigner ? m_pki.untrustedCaCert() : m_pki.caCert();
        EVP_PKEY *signerKey = wrongSigner ? m_pki.untrustedCaKey() : m_pki.caKey();

        PKCS7 *rep = PKCS7_new();
        PKCS7_set_type(rep, NID_pkcs7_signed);
        PKCS7_SIGNER_INFO *rsi = PKCS7_add_signature(rep, signerCert, signerKey, EVP_sha256());
        PKCS7_content_new(rep, NID_pkcs7_data);
        addAttribute(rsi, nid("2.16.840.1.113733.1.9.2"), V_ASN1_PRINTABLESTRING, "3");
        addAttribute(rsi, nid("2.16.840.1.113733.1.9.3"), V_ASN1_PRINTABLESTRING, status);
        addAttribute(rsi, nid("2.16.840.1.113733.1.9.7"), V_ASN1_PRINTABLESTRING, transaction);
        addAttribute(rsi, nid("2.16.840.1.113733.1.9.6"), V_ASN1_OCTET_STRING, recipientNonce);
        addAttribute(rsi, nid("2.16.840.1.113733.1.9.5"), V_ASN1_OCTET_STRING, QByteArray(16, '\x07'));
        PKCS7_add_attrib_content_type(rsi, nullptr);
        BIO *out = PKCS7_dataInit(rep, nullptr);
        BIO_write(out, replyContent.constData(), int(replyContent.size()));
        PKCS7_dataFinal(rep, out);
        BIO_free_all(out);
        const QByteArray der = p7Der(rep);
        PKCS7_free(rep);
        return der;
    }

    TestPki m_pki;
    QThread m_thread;
    QObject *m_context = nullptr;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QByteArray m_csr;
};

class ScepScriptedResponderTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_pki = std::make_unique<TestPki>(
            TestPki::create(m_dir.path(), { .caKeyType = test::KeyType::Rsa2048 }));
        m_responder = std::make_unique<ScriptedScepResponder>(*m_pki);
        m_csr = TestPki::makeCsr(QStringLiteral("SCRIPTED-1"), QStringLiteral("SCRIPTED-1"),
                                 test::KeyType::Rsa2048, QStringLiteral("pw"));
    }

    CaSettings settings() const
    {
        CaSettings s;
        s.protocol = CaSettings::Protocol::Scep;
        s.baseUrl = m_responder->url();
        s.caCertificateSha256 = QCryptographicHash::hash(m_pki->caCertDer(), QCryptographicHash::Sha256);
        s.requestTimeout = std::chrono::seconds(10);
        s.scepPollInterval = std::chrono::milliseconds(50);
        s.maxPendingPolls = 3;
        return s;
    }

    ca::Result<ca::IssuedCertificate> enrol(const CaSettings &s)
    {
        auto key = ca::SoftwareScepRequesterKey::create(m_csr.key.get(), m_csr.csrDer);
        EXPECT_TRUE(key);
        ca::EnrollmentRequest r;
        r.csrDer = m_csr.csrDer;
        r.serial = QStringLiteral("SCRIPTED-1");
        r.requesterKey = *key;
        ClientHarness h(s);
        EXPECT_TRUE(h.client());
        auto result = ClientHarness::wait(h.client()->enroll(r));
        if (!result)
            return CaError::make(CaError::Code::None, QStringLiteral("test"), QStringLiteral("no result"));
        return *result;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<ScriptedScepResponder> m_responder;
    test::CsrAndKey m_csr;
};

TEST_F(ScepScriptedResponderTest, PendingIsPolledWithCertPollUntilIssued)
{
    m_responder->pendingAnswers = 2;
    const auto issued = enrol(settings());
    ASSERT_TRUE(issued) << issued.error().toString().toStdString();
    EXPECT_EQ(m_responder->pkcsReqs, 1);
    EXPECT_EQ(m_responder->certPolls, 2);
    ca::CertificateVerifier::Input in;
    in.leafDer = issued->certificateDer;
    in.intermediatesDer = issued->extraCertificatesDer;
    in.trustAnchorsDer = { m_pki->caCertDer() };
    in.expectedPublicKeyInfo = ca::CertificateCodec::csrPublicKeyInfo(m_csr.csrDer);
    in.now = QDateTime::currentDateTimeUtc();
    const auto verified = ca::CertificateVerifier::verify(in);
    EXPECT_TRUE(verified) << (verified ? std::string() : verified.error().toString().toStdString());
}

TEST_F(ScepScriptedResponderTest, PendingBeyondTheBoundEndsAsPending)
{
    m_responder->pendingAnswers = 100;
    const auto issued = enrol(settings()); // maxPendingPolls 3
    ASSERT_FALSE(issued);
    EXPECT_EQ(issued.error().code, CaError::Code::Pending) << issued.error().toString().toStdString();
    EXPECT_EQ(m_responder->pkcsReqs, 1);
    EXPECT_EQ(m_responder->certPolls, 3);
}

TEST_F(ScepScriptedResponderTest, CertRepSignedByAnotherCaIsRefused)
{
    m_responder->fault = ScriptedScepResponder::Fault::WrongSigner;
    const auto issued = enrol(settings());
    ASSERT_FALSE(issued);
    EXPECT_EQ(issued.error().code, CaError::Code::BadMessage) << issued.error().toString().toStdString();
    EXPECT_TRUE(issued.error().message.contains(QStringLiteral("not signed by the pinned CA")));
}

TEST_F(ScepScriptedResponderTest, CertRepWithAnotherRecipientNonceIsRefused)
{
    m_responder->fault = ScriptedScepResponder::Fault::WrongNonce;
    const auto issued = enrol(settings());
    ASSERT_FALSE(issued);
    EXPECT_EQ(issued.error().code, CaError::Code::BadMessage) << issued.error().toString().toStdString();
    EXPECT_TRUE(issued.error().message.contains(QStringLiteral("recipientNonce")));
}

TEST_F(ScepScriptedResponderTest, WithoutPostPkiOperationTheMessageGoesInAGetQuery)
{
    m_responder->postAllowed = false;
    const auto issued = enrol(settings());
    ASSERT_TRUE(issued) << issued.error().toString().toStdString();
    EXPECT_EQ(m_responder->gets, 1);
    EXPECT_EQ(m_responder->posts, 0);
}

TEST_F(ScepScriptedResponderTest, CancelDuringPendingStopsThePolling)
{
    m_responder->pendingAnswers = 100;
    CaSettings s = settings();
    s.scepPollInterval = std::chrono::milliseconds(300);
    auto key = ca::SoftwareScepRequesterKey::create(m_csr.key.get(), m_csr.csrDer);
    ASSERT_TRUE(key);
    ca::EnrollmentRequest r;
    r.csrDer = m_csr.csrDer;
    r.requesterKey = *key;
    ClientHarness h(s);
    ASSERT_TRUE(h.client());
    auto future = h.client()->enroll(r);
    QElapsedTimer t;
    t.start();
    while (m_responder->pkcsReqs == 0 && t.elapsed() < 10000)
        QThread::msleep(5);
    ASSERT_EQ(m_responder->pkcsReqs, 1);
    future.cancel();
    EXPECT_FALSE(ClientHarness::wait(future, 5000)); // ended canceled, without a result
    QThread::msleep(700); // two poll intervals: no CertPoll may follow
    EXPECT_EQ(m_responder->certPolls, 0);
}

} // namespace
