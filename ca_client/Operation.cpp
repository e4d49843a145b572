#include "ca_client/Operation.h"

namespace ks::ca {

void OperationBase::cancel()
{
    if (isDone())
        return;
    std::function<void()> abort = std::exchange(m_abort, {});
    // Finish first: the aborted step reports back, and must find the operation already closed.
    fail(CaError::make(CaError::Code::Cancelled, QString(), CaError::tr("cancelled"), serial));
    if (abort)
        abort();
}

void OperationBase::done()
{
    m_abort = {};
    if (auto onDone = std::exchange(m_onDone, {}))
        onDone();
}

} // namespace ks::ca
