#pragma once

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace ks {

// Owning pointers to OpenSSL objects: one deleter for every type the layers hold.
struct OpenSslFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
    void operator()(EVP_CIPHER_CTX *p) const { EVP_CIPHER_CTX_free(p); }
    void operator()(EVP_CIPHER *p) const { EVP_CIPHER_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(X509_REQ *p) const { X509_REQ_free(p); }
    void operator()(X509_STORE *p) const { X509_STORE_free(p); }
    void operator()(X509_STORE_CTX *p) const { X509_STORE_CTX_free(p); }
    void operator()(EXTENDED_KEY_USAGE *p) const { EXTENDED_KEY_USAGE_free(p); }
    void operator()(PKCS7 *p) const { PKCS7_free(p); }
    void operator()(BIO *p) const { BIO_free_all(p); }
    void operator()(ASN1_STRING *p) const { ASN1_STRING_free(p); }
    void operator()(ECDSA_SIG *p) const { ECDSA_SIG_free(p); }
};
template<class T> using OpenSslPtr = std::unique_ptr<T, OpenSslFree>;

using EvpPkeyPtr = OpenSslPtr<EVP_PKEY>;
using X509Ptr = OpenSslPtr<X509>;
using X509ReqPtr = OpenSslPtr<X509_REQ>;

// A stack of certificates has two owners' meanings: the stack and its certificates, or the stack only.
struct X509StackFree
{
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
struct X509StackShallowFree
{
    void operator()(STACK_OF(X509) * p) const { sk_X509_free(p); } // the certificates are owned elsewhere
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;
using X509StackViewPtr = std::unique_ptr<STACK_OF(X509), X509StackShallowFree>;

} // namespace ks
