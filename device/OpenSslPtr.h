#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace ks::device {

struct EvpPkeyDeleter
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct X509ReqDeleter
{
    void operator()(X509_REQ *p) const { X509_REQ_free(p); }
};
struct X509Deleter
{
    void operator()(X509 *p) const { X509_free(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;
using X509ReqPtr = std::unique_ptr<X509_REQ, X509ReqDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

} // namespace ks::device
