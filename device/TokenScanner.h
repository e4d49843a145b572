#pragma once

#include "device/TokenInfo.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

namespace ks::device {

class Pkcs11Module;

// Lives in the watcher's thread: asks the module for its keys on a timer or when a slot event arrives.
class TokenScanner : public QObject
{
    Q_OBJECT

public:
    TokenScanner(std::shared_ptr<Pkcs11Module> module, int pollMs);

public Q_SLOTS:
    void start();
    void scan();
    void stop();

Q_SIGNALS:
    // unreadableSlots: present slots whose key did not answer this time (not pulled; keep what was known).
    void scanned(const QList<ks::device::TokenInfo> &tokens, const QList<unsigned long> &unreadableSlots);
    void failed(const QString &message);

private:
    std::shared_ptr<Pkcs11Module> m_module;
    QTimer *m_timer = nullptr;
    int m_pollMs;
    bool m_lastFailed = false;
};

} // namespace ks::device
