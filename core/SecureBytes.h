#pragma once

#include <QByteArray>

namespace ks::core {

// Overwrites a secret held in a QByteArray and empties it. QByteArray is implicitly shared: data()
// detaches a shared copy, so callers must wipe every copy they made (pass by reference, avoid copies).
void wipe(QByteArray &secret);

// Wipes the wrapped QByteArray when the scope ends, however it ends.
class SecretGuard
{
public:
    explicit SecretGuard(QByteArray &secret)
        : m_secret(secret)
    { }
    ~SecretGuard() { wipe(m_secret); }
    SecretGuard(const SecretGuard &) = delete;
    SecretGuard &operator=(const SecretGuard &) = delete;

private:
    QByteArray &m_secret;
};

} // namespace ks::core
