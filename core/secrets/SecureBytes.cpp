#include "core/secrets/SecureBytes.h"

#include <openssl/crypto.h>

namespace ks {

namespace {

// The allocation behind an array, from its first to its last element slot; nothing when the array does not
// own its storage (raw data, literals, empty).
template<class T> void cleanseStorage(const QArrayDataPointer<T> &d)
{
    if (!d.isMutable())
        return;
    const T *begin = d.data() - d.freeSpaceAtBegin();
    const auto bytes = static_cast<size_t>(d.constAllocatedCapacity()) * sizeof(T);
    // const_cast: the storage is written through on purpose, shared or not (see SecureBytes.h).
    OPENSSL_cleanse(const_cast<T *>(begin), bytes);
}

} // namespace

void wipe(QByteArray &secret)
{
    cleanseStorage(secret.data_ptr());
    secret.clear();
}

void wipe(QString &secret)
{
    cleanseStorage(secret.data_ptr());
    secret.clear();
}

} // namespace ks
