#include "SecureBytes.h"

#include <openssl/crypto.h>

namespace ks::core {

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    secret.clear();
}

} // namespace ks::core
