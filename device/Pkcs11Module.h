#pragma once

#include "device/DeviceError.h"
#include "device/TokenInfo.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

struct _CK_FUNCTION_LIST;

namespace ks::device {

// One loaded PKCS#11 module (OpenSC, SoftHSM2, the simulated hub, ...), initialised with OS locking so that
// sessions on different slots can be used from different threads at once.
//
// One instance per module per process: PKCS#11 allows a single C_Initialize per process, and unloading a
// module while another thread still works in it crashes some (docs/stack-facts.md). Share it through
// shared_ptr; every TokenSession holds a reference, so C_Finalize runs only after the last user is gone.
class Pkcs11Module
{
    Q_DECLARE_TR_FUNCTIONS(ks::device::Pkcs11Module)

public:
    static Result<std::shared_ptr<Pkcs11Module>> load(const QString &path);
    ~Pkcs11Module();

    Pkcs11Module(const Pkcs11Module &) = delete;
    Pkcs11Module &operator=(const Pkcs11Module &) = delete;

    QString path() const { return m_path; }
    QString description() const { return m_description; }
    // C_GetInfo as read at load: "manufacturer / description", library and Cryptoki versions ("0.23").
    QString libraryVersion() const { return m_libraryVersion; }
    QString cryptokiVersion() const { return m_cryptokiVersion; }
    _CK_FUNCTION_LIST *functions() const { return m_functions; }

    Result<QList<unsigned long>> slotIds(bool tokenPresent) const;
    Result<TokenInfo> tokenInfo(unsigned long slotId) const;
    // The slot descriptions of every slot, present or empty, each once: for OpenSC, the PC/SC readers.
    Result<QStringList> readers() const;
    // OpenSC's module (C_GetInfo manufacturer "OpenSC Project"): its workers see only their own reader.
    bool isOpenSc() const { return m_description.startsWith(QLatin1String("OpenSC")); }
    // Every present key. A slot that fails is skipped and logged: one dead key must not hide the others
    // (libp11's PKCS11_enumerate_slots fails for all of them, docs/stack-facts.md).
    Result<QList<TokenInfo>> tokens() const;
    // tokens(), and the present slots whose key could not be read this time. SoftHSM answers C_GetTokenInfo
    // with CKR_GENERAL_ERROR while another process rewrites that token's files; a watcher must not take such
    // a slot for a pulled key (docs/stack-facts.md).
    struct Scan
    {
        QList<TokenInfo> tokens;
        QList<unsigned long> unreadableSlots;
    };
    Result<Scan> scan() const;
    // Find the slot that holds the key with this serial now.
    Result<TokenInfo> findToken(const QString &serial) const;

    // Initialise a blank key: C_InitToken with the SO PIN, then C_InitPIN for the user PIN.
    Result<void> initToken(unsigned long slotId, const QByteArray &soPin, const QByteArray &userPin,
                           const QString &label) const;

    // Slot events. When the module supports C_WaitForSlotEvent, a thread of the module waits for events and
    // calls every listener (from that thread). Returns false when the module cannot report events: poll.
    using SlotEventListener = std::function<void(unsigned long slotId)>;
    bool supportsSlotEvents() const { return m_slotEvents; }
    int addSlotEventListener(SlotEventListener listener);
    void removeSlotEventListener(int handle);

private:
    Pkcs11Module() = default;
    void startSlotEventThread();
    void slotEventLoop();

    QString m_path;
    QString m_description;
    QString m_libraryVersion;
    QString m_cryptokiVersion;
    void *m_handle = nullptr;
    _CK_FUNCTION_LIST *m_functions = nullptr;
    std::atomic_bool m_slotEvents { false };
    std::atomic_bool m_stopping { false };
    std::thread m_eventThread;
    std::mutex m_listenerMutex;
    std::vector<std::pair<int, SlotEventListener>> m_listeners;
    int m_nextListener = 1;
};

} // namespace ks::device
