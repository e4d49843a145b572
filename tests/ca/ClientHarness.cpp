#include "ClientHarness.h"

#include "ca_client/EnrollmentClientFactory.h"

namespace ks::test {

ClientHarness::ClientHarness(const ca::CaSettings &settings)
    : m_anchor(std::make_unique<QObject>())
{
    m_thread.start();
    m_anchor->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_anchor.get(),
        [this, settings] {
            auto created = ca::EnrollmentClientFactory::create(settings);
            if (created)
                m_client = std::move(*created);
            else
                m_createError = created.error();
        },
        Qt::BlockingQueuedConnection);
}

ClientHarness::~ClientHarness()
{
    // The client must die in its own thread (its QNetworkAccessManager and timers live there).
    QMetaObject::invokeMethod(
        m_anchor.get(), [this] { m_client.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace ks::test
