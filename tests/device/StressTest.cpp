// 16 keys, 16 threads, 20 CSRs each: every request must carry a signature by its own key
// (docs/stack-facts.md: libp11's lazy method setup produced software signatures with a dummy key under this
// load; we speak raw PKCS#11, and prove it).
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"

#include <gtest/gtest.h>
#include <openssl/x509.h>

#include <atomic>
#include <thread>

using namespace ks::device;

TEST(DeviceStress, SixteenKeysSignInParallelAndEverySignatureVerifies)
{
    constexpr int kKeys = 16;
    constexpr int kRounds = 20;
    ks::test::SoftHsmEnv env;
    QStringList serials;
    for (const auto &s : env.initTokens(kKeys))
        serials << SerialNumber::normalise(QString::fromStdString(s));
    auto module = Pkcs11Module::load(QString::fromStdString(ks::test::SoftHsmEnv::softHsmModulePath()));
    ASSERT_TRUE(module);

    std::atomic_int good { 0 };
    std::atomic_int bad { 0 };
    std::atomic_int failed { 0 };
    std::vector<std::thread> threads;
    for (int k = 0; k < kKeys; ++k) {
        threads.emplace_back([&, k] {
            auto session = TokenSession::open(*module, serials[k]);
            if (!session || !(*session)->login(QByteArray("123456"))) {
                failed += kRounds;
                return;
            }
            // Half the keys RSA, half EC: both signing paths under load.
            auto pair = (*session)->generateKeyPair(k % 2 ? KeyAlgorithm::EcP256 : KeyAlgorithm::Rsa2048,
                                                    QStringLiteral("stress"));
            if (!pair) {
                failed += kRounds;
                return;
            }
            for (int r = 0; r < kRounds; ++r) {
                CsrRequest request;
                request.subject
                    = { { QStringLiteral("CN"), serials[k] }, { QStringLiteral("OU"), QString::number(r) } };
                auto csr = (*session)->signCsr(pair->id, request);
                if (!csr) {
                    ++failed;
                    continue;
                }
                // Independent check: the request verifies with the key pair's public key as the key reports
                // it.
                const auto *p = reinterpret_cast<const unsigned char *>(csr->constData());
                X509_REQ *req = d2i_X509_REQ(nullptr, &p, static_cast<long>(csr->size()));
                const auto *q = reinterpret_cast<const unsigned char *>(pair->publicKey.constData());
                EVP_PKEY *key = d2i_PUBKEY(nullptr, &q, static_cast<long>(pair->publicKey.size()));
                if (req && key && X509_REQ_verify(req, key) == 1)
                    ++good;
                else
                    ++bad;
                X509_REQ_free(req);
                EVP_PKEY_free(key);
            }
        });
    }
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ(good.load(), kKeys * kRounds);
}
