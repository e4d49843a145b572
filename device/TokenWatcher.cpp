#include "device/TokenWatcher.h"

#include "device/Pkcs11Module.h"
#include "device/TokenScanner.h"

#include <QMetaObject>
#include <QSet>

namespace ks::device {

TokenWatcher::TokenWatcher(std::shared_ptr<Pkcs11Module> module, QObject *parent)
    : QObject(parent)
    , m_module(std::move(module))
{
    qRegisterMetaType<ks::device::TokenInfo>();
    qRegisterMetaType<QList<ks::device::TokenInfo>>();
    qRegisterMetaType<QList<unsigned long>>();
    m_thread.setObjectName(QStringLiteral("ks-token-watcher"));
}

TokenWatcher::~TokenWatcher()
{
    stop();
}

void TokenWatcher::setPollInterval(int ms)
{
    m_pollMs = ms;
}

bool TokenWatcher::usesSlotEvents() const
{
    return m_module->supportsSlotEvents();
}

void TokenWatcher::start()
{
    if (m_scanner)
        return;
    m_scanner = new TokenScanner(m_module, m_pollMs);
    m_scanner->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_scanner, &QObject::deleteLater);
    connect(m_scanner, &TokenScanner::scanned, this, &TokenWatcher::applyScan, Qt::QueuedConnection);
    connect(m_scanner, &TokenScanner::failed, this, &TokenWatcher::scanFailed, Qt::QueuedConnection);
    m_thread.start();
    QMetaObject::invokeMethod(m_scanner, &TokenScanner::start, Qt::QueuedConnection);
    if (m_module->supportsSlotEvents()) {
        // Called from the module's event thread; only queues a scan in the scanner's thread. stop() removes
        // the listener (under the module's listener lock) before the scanner can be deleted.
        TokenScanner *scanner = m_scanner;
        m_listener = m_module->addSlotEventListener([scanner](unsigned long) {
            QMetaObject::invokeMethod(scanner, &TokenScanner::scan, Qt::QueuedConnection);
        });
    }
}

void TokenWatcher::stop()
{
    if (!m_scanner)
        return;
    if (m_listener)
        m_module->removeSlotEventListener(m_listener);
    m_listener = 0;
    QMetaObject::invokeMethod(m_scanner, &TokenScanner::stop, Qt::QueuedConnection);
    // A scan blocked in a slow module call delays this quit by that call, which is bounded by the module.
    m_thread.quit();
    m_thread.wait();
    m_scanner = nullptr;
}

void TokenWatcher::applyScan(const QList<TokenInfo> &tokens, const QList<unsigned long> &unreadableSlots)
{
    QSet<QString> seen;
    for (const auto &token : tokens) {
        const QString key = token.key();
        seen.insert(key);
        auto it = m_tokens.find(key);
        if (it == m_tokens.end()) {
            m_tokens.insert(key, token);
            Q_EMIT tokenAdded(token);
        } else if (!it->sameState(token)) {
            *it = token;
            Q_EMIT tokenChanged(token);
        }
    }
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        // A slot that is present but did not answer keeps its key until a scan says otherwise.
        if (!seen.contains(it.key()) && !unreadableSlots.contains(it->slotId)) {
            const TokenInfo gone = it.value();
            it = m_tokens.erase(it);
            Q_EMIT tokenRemoved(gone);
        } else {
            ++it;
        }
    }
    Q_EMIT scanned();
}

} // namespace ks::device
