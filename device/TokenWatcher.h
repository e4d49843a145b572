#pragma once

#include "device/DeviceError.h"
#include "device/TokenInfo.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>

#include <memory>

namespace ks::device {

class Pkcs11Module;
class TokenScanner;

// Tracks the keys of one module from a thread of its own (Kleopatra's ReaderStatus pattern): it diffs old and
// new key lists into added / changed / removed. Uses the module's C_WaitForSlotEvent when it has one, and
// polls besides (OpenSC's blocking wait missed insertions, docs/stack-facts.md). A module call that blocks
// for many seconds delays the next report, never the caller. Signals arrive in the thread that owns the
// watcher.
class TokenWatcher : public QObject
{
    Q_OBJECT

public:
    explicit TokenWatcher(std::shared_ptr<Pkcs11Module> module, QObject *parent = nullptr);
    ~TokenWatcher() override;

    void setPollInterval(int ms); // default 500 ms; must be called before start()
    void start();
    void stop();
    QList<TokenInfo> tokens() const { return m_tokens.values(); }
    bool usesSlotEvents() const;

Q_SIGNALS:
    void tokenAdded(const ks::device::TokenInfo &token);
    void tokenChanged(const ks::device::TokenInfo &token);
    void tokenRemoved(const ks::device::TokenInfo &token);
    void scanFailed(const QString &message);
    // After each completed scan; lets callers wait for the first full picture.
    void scanned();

private:
    void applyScan(const QList<ks::device::TokenInfo> &tokens, const QList<unsigned long> &unreadableSlots);

    std::shared_ptr<Pkcs11Module> m_module;
    QThread m_thread;
    TokenScanner *m_scanner = nullptr;
    int m_pollMs = 500;
    int m_listener = 0;
    QHash<QString, TokenInfo> m_tokens;
};

} // namespace ks::device
