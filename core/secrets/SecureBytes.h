#pragma once

#include <QByteArray>
#include <QString>

namespace ks {

// Overwrites a secret where it is stored and empties the variable. The storage itself is overwritten, not a
// copy: QByteArray and QString are implicitly shared and data() would first detach (copy) a shared array,
// wiping only the copy. So every variable still sharing that storage reads zeros afterwards; take a deep copy
// (QByteArray(x.constData(), x.size())) before the wipe if one must outlive it. The whole allocation is
// overwritten, including bytes left past the end by chop() or truncate(). Storage the array does not own
// (QByteArray::fromRawData, literals) is left alone and only the variable is emptied.
void wipe(QByteArray &secret);
void wipe(QString &secret);

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

} // namespace ks
