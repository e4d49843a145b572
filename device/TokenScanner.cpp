#include "device/TokenScanner.h"

#include "device/Pkcs11Module.h"

namespace ks::device {

TokenScanner::TokenScanner(std::shared_ptr<Pkcs11Module> module, int pollMs)
    : m_module(std::move(module))
    , m_pollMs(pollMs)
{ }

void TokenScanner::start()
{
    m_timer = new QTimer(this);
    m_timer->setInterval(m_pollMs);
    connect(m_timer, &QTimer::timeout, this, &TokenScanner::scan);
    m_timer->start();
    scan();
}

void TokenScanner::scan()
{
    auto tokens = m_module->scan();
    if (!tokens) {
        // Report a failing module once, not every poll.
        if (!m_lastFailed)
            Q_EMIT failed(tokens.error().toString());
        m_lastFailed = true;
        Q_EMIT scanned({}, {});
        return;
    }
    m_lastFailed = false;
    Q_EMIT scanned(tokens->tokens, tokens->unreadableSlots);
}

void TokenScanner::stop()
{
    if (m_timer)
        m_timer->stop();
}

} // namespace ks::device
