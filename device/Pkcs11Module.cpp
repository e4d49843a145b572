#include "device/Pkcs11Module.h"

#include "device/DeviceLog.h"
#include "device/Pkcs11Util.h"
#include "device/SerialNumber.h"
#include "device/VendorQuirks.h"

#include <QFileInfo>

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <chrono>
#include <thread>

namespace ks::device {

namespace {
constexpr auto TransientRetryPause = std::chrono::milliseconds(20);
}

Result<std::shared_ptr<Pkcs11Module>> Pkcs11Module::load(const QString &path)
{
    auto fail = [&](const QString &why, const QString &call = {}) {
        return DeviceError::make(DeviceError::Code::ModuleLoad,
                                 tr("Cannot load PKCS#11 module %1: %2").arg(path, why), {}, call);
    };
    if (!QFileInfo::exists(path))
        return fail(tr("file not found"));

    std::shared_ptr<Pkcs11Module> module(new Pkcs11Module);
    module->m_path = path;
    // RTLD_LOCAL: two modules may export the same C_ symbols; we only go through C_GetFunctionList.
    module->m_handle = dlopen(path.toLocal8Bit().constData(), RTLD_NOW | RTLD_LOCAL);
    if (!module->m_handle)
        return fail(QString::fromLocal8Bit(dlerror()), QStringLiteral("dlopen"));

    auto getList = reinterpret_cast<CK_C_GetFunctionList>(dlsym(module->m_handle, "C_GetFunctionList"));
    if (!getList)
        return fail(tr("not a PKCS#11 module (no C_GetFunctionList)"), QStringLiteral("dlsym"));
    CK_FUNCTION_LIST_PTR list = nullptr;
    CK_RV rv = getList(&list);
    if (rv != CKR_OK || !list)
        return fail(ckrToString(rv), QStringLiteral("C_GetFunctionList"));
    module->m_functions = list;

    // OS locking: sessions on different keys are used from different threads at once.
    CK_C_INITIALIZE_ARGS args {};
    args.flags = CKF_OS_LOCKING_OK;
    rv = list->C_Initialize(&args);
    if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        module->m_functions = nullptr; // not ours to finalise
        return fail(tr("already initialised in this process; share the loaded module instead"),
                    QStringLiteral("C_Initialize"));
    }
    if (rv != CKR_OK) {
        module->m_functions = nullptr;
        return fail(ckrToString(rv), QStringLiteral("C_Initialize"));
    }

    CK_INFO info {};
    if (list->C_GetInfo(&info) == CKR_OK) {
        module->m_description = p11::text(info.manufacturerID, sizeof info.manufacturerID)
            + QStringLiteral(" / ") + p11::text(info.libraryDescription, sizeof info.libraryDescription);
        module->m_libraryVersion
            = QStringLiteral("%1.%2").arg(info.libraryVersion.major).arg(info.libraryVersion.minor);
        module->m_cryptokiVersion
            = QStringLiteral("%1.%2").arg(info.cryptokiVersion.major).arg(info.cryptokiVersion.minor);
    }

    // A non-blocking probe tells whether the module reports slot events at all (SoftHSM does not).
    CK_SLOT_ID slot = 0;
    rv = list->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, nullptr);
    module->m_slotEvents = (rv == CKR_OK || rv == CKR_NO_EVENT);
    // OpenSC 0.23: a blocking C_WaitForSlotEvent is not ended by C_Finalize (the station hung at exit,
    // joining the event thread, in tests/vcard/provision.sh) and missed insertions before: poll it instead.
    if (module->isOpenSc())
        module->m_slotEvents = false;
    if (module->m_slotEvents)
        module->startSlotEventThread();
    qCDebug(lcDevice) << "loaded" << path << module->m_description
                      << "slot events:" << module->m_slotEvents.load();
    return module;
}

Pkcs11Module::~Pkcs11Module()
{
    m_stopping = true;
    if (m_functions) {
        // C_Finalize also ends a blocking C_WaitForSlotEvent in the event thread (PKCS#11 v2.40 §5.4).
        m_functions->C_Finalize(nullptr);
    }
    if (m_eventThread.joinable())
        m_eventThread.join();
    // The library stays mapped: unloading SoftHSM/OpenSC leaves atexit handlers and threads pointing into it.
}

Result<QList<unsigned long>> Pkcs11Module::slotIds(bool tokenPresent) const
{
    CK_ULONG count = 0;
    CK_RV rv = m_functions->C_GetSlotList(tokenPresent ? CK_TRUE : CK_FALSE, nullptr, &count);
    if (rv != CKR_OK)
        return DeviceError::fromCkr(QStringLiteral("C_GetSlotList"), rv);
    std::vector<CK_SLOT_ID> ids;
    // The list may change between the two calls (a key plugged in or pulled): ask again until it fits.
    // Never with an empty buffer: its data() may be NULL, and a NULL list only asks for the count, so a key
    // plugged in between the calls would be counted without its id being written (a read past the buffer).
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (count == 0)
            return QList<unsigned long> {};
        ids.resize(count);
        CK_ULONG written = count;
        rv = m_functions->C_GetSlotList(tokenPresent ? CK_TRUE : CK_FALSE, ids.data(), &written);
        if (rv == CKR_OK && written > ids.size())
            rv = CKR_BUFFER_TOO_SMALL; // a module that claims more than the buffer held: ask again
        count = written;
        if (rv != CKR_BUFFER_TOO_SMALL)
            break;
    }
    if (rv != CKR_OK)
        return DeviceError::fromCkr(QStringLiteral("C_GetSlotList"), rv);
    QList<unsigned long> out;
    for (CK_ULONG i = 0; i < count; ++i)
        out << ids[i];
    return out;
}

Result<QStringList> Pkcs11Module::readers() const
{
    auto ids = slotIds(false);
    if (!ids)
        return ids.error();
    QStringList out;
    for (unsigned long id : *ids) {
        CK_SLOT_INFO slotInfo {};
        if (m_functions->C_GetSlotInfo(id, &slotInfo) != CKR_OK)
            continue;
        const QString name = p11::text(slotInfo.slotDescription, sizeof slotInfo.slotDescription).trimmed();
        if (!name.isEmpty() && !out.contains(name))
            out << name;
    }
    return out;
}

Result<TokenInfo> Pkcs11Module::tokenInfo(unsigned long slotId) const
{
    CK_SLOT_INFO slotInfo {};
    CK_RV rv = m_functions->C_GetSlotInfo(slotId, &slotInfo);
    if (rv != CKR_OK)
        return DeviceError::fromCkr(QStringLiteral("C_GetSlotInfo"), rv);
    if (!(slotInfo.flags & CKF_TOKEN_PRESENT))
        return DeviceError::make(DeviceError::Code::TokenAbsent, tr("No key in this slot."));
    CK_TOKEN_INFO ti {};
    rv = m_functions->C_GetTokenInfo(slotId, &ti);
    if (rv != CKR_OK)
        return DeviceError::fromCkr(QStringLiteral("C_GetTokenInfo"), rv);

    TokenInfo token;
    token.modulePath = m_path;
    token.slotId = slotId;
    token.slotDescription = p11::text(slotInfo.slotDescription, sizeof slotInfo.slotDescription);
    token.label = p11::text(ti.label, sizeof ti.label);
    token.manufacturer = p11::text(ti.manufacturerID, sizeof ti.manufacturerID);
    token.model = p11::text(ti.model, sizeof ti.model);
    const QByteArray rawSerial(reinterpret_cast<const char *>(ti.serialNumber), sizeof ti.serialNumber);
    token.rawSerial = p11::text(ti.serialNumber, sizeof ti.serialNumber);
    token.serial = SerialNumber::normalise(rawSerial);
    token.initialized = ti.flags & CKF_TOKEN_INITIALIZED;
    token.loginRequired = ti.flags & CKF_LOGIN_REQUIRED;
    token.pinCountLow = ti.flags & CKF_USER_PIN_COUNT_LOW;
    token.pinFinalTry = ti.flags & CKF_USER_PIN_FINAL_TRY;
    token.pinLocked = ti.flags & CKF_USER_PIN_LOCKED;
    token.pinToBeChanged = ti.flags & CKF_USER_PIN_TO_BE_CHANGED;
    return token;
}

Result<Pkcs11Module::Scan> Pkcs11Module::scan() const
{
    auto ids = slotIds(true);
    if (!ids)
        return ids.error();
    Scan out;
    for (unsigned long id : *ids) {
        auto token = tokenInfo(id);
        if (!token && token.error().code != DeviceError::Code::TokenAbsent) {
            // One more read after a pause: the file-backed store answers again once the other process's
            // write is over; a card mid-command the same.
            std::this_thread::sleep_for(TransientRetryPause);
            token = tokenInfo(id);
        }
        if (!token) {
            qCWarning(lcDevice) << "slot" << id << "skipped:" << token.error().toString();
            if (token.error().code != DeviceError::Code::TokenAbsent)
                out.unreadableSlots << id;
            continue;
        }
        if (!token->initialized && Quirks::forToken(*token).hideWhenUninitialised)
            continue;
        out.tokens << *token;
    }
    return out;
}

Result<QList<TokenInfo>> Pkcs11Module::tokens() const
{
    auto all = scan();
    if (!all)
        return all.error();
    return all->tokens;
}

Result<TokenInfo> Pkcs11Module::findToken(const QString &serial) const
{
    auto all = tokens();
    if (!all)
        return all.error();
    for (const auto &token : *all) {
        if (token.serial == serial)
            return token;
    }
    return DeviceError::make(DeviceError::Code::TokenAbsent, tr("The key is not present."), serial);
}

Result<void> Pkcs11Module::initToken(unsigned long slotId, const QByteArray &soPin, const QByteArray &userPin,
                                     const QString &label) const
{
    QByteArray padded = label.toUtf8().left(32);
    padded.append(QByteArray(32 - padded.size(), ' '));
    QByteArray so = soPin;
    CK_RV rv = m_functions->C_InitToken(slotId, p11::bytes(so), so.size(), p11::bytes(padded));
    if (rv != CKR_OK)
        return DeviceError::fromCkr(QStringLiteral("C_InitToken"), rv);

    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    rv = m_functions->C_OpenSession(slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session);
    if (rv != CKR_OK)
        return DeviceError::fromCkr(QStringLiteral("C_OpenSession"), rv);
    rv = m_functions->C_Login(session, CKU_SO, p11::bytes(so), so.size());
    if (rv == CKR_OK) {
        QByteArray user = userPin;
        rv = m_functions->C_InitPIN(session, p11::bytes(user), user.size());
        m_functions->C_Logout(session);
        m_functions->C_CloseSession(session);
        if (rv != CKR_OK)
            return DeviceError::fromCkr(QStringLiteral("C_InitPIN"), rv);
        return {};
    }
    m_functions->C_CloseSession(session);
    return DeviceError::fromCkr(QStringLiteral("C_Login(SO)"), rv);
}

int Pkcs11Module::addSlotEventListener(SlotEventListener listener)
{
    std::lock_guard lock(m_listenerMutex);
    const int handle = m_nextListener++;
    m_listeners.emplace_back(handle, std::move(listener));
    return handle;
}

void Pkcs11Module::removeSlotEventListener(int handle)
{
    std::lock_guard lock(m_listenerMutex);
    std::erase_if(m_listeners, [handle](const auto &entry) { return entry.first == handle; });
}

void Pkcs11Module::startSlotEventThread()
{
    m_eventThread = std::thread([this] { slotEventLoop(); });
}

void Pkcs11Module::slotEventLoop()
{
    int failures = 0;
    while (!m_stopping) {
        CK_SLOT_ID slot = 0;
        const CK_RV rv = m_functions->C_WaitForSlotEvent(0, &slot, nullptr);
        if (m_stopping || rv == CKR_CRYPTOKI_NOT_INITIALIZED)
            return;
        if (rv == CKR_FUNCTION_NOT_SUPPORTED) {
            // SoftHSM2 answers the non-blocking probe with CKR_NO_EVENT but does not support waiting.
            qCInfo(lcDevice) << m_path << "cannot wait for slot events: polling only";
            m_slotEvents = false;
            return;
        }
        if (rv == CKR_OK) {
            failures = 0;
            std::lock_guard lock(m_listenerMutex);
            for (const auto &entry : m_listeners)
                entry.second(slot);
            continue;
        }
        // A module that answers errors at once would spin this thread; back off, give up after a while and
        // leave it to the watchers' polling.
        if (++failures > 20) {
            qCWarning(lcDevice) << "C_WaitForSlotEvent keeps failing:" << ckrToString(rv) << "- polling only";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

} // namespace ks::device
