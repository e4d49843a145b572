#pragma once

#include "ca_client/CaError.h"
#include "device/DeviceError.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace ks::core {

// Why a key's provisioning did not end in Done, typed (docs/flow.md). The engine makes one; front ends (tile,
// spoken feedback, log views, keystation-cli) read its title and next step from the one table in
// JobError.cpp and never compare names. name() is what the journal stores and `--json` prints; fromName()
// reads a journal row back.
struct JobError
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::JobError)

public:
    enum class Kind
    {
        None,
        // The key (device layer).
        KeyRemoved,
        KeySwapped,
        PinIncorrect,
        PinLocked,
        PinFinalTry,
        PinCountLow,
        PinUnavailable, // the profile gives no PIN for this key
        CertificateExists,
        ForeignCertificate, // a certificate of another CA or profile is on the key: left untouched
        AlgorithmUnsupported,
        ReadBackMismatch,
        SignatureInvalid,
        ModuleUnavailable,
        WorkerFailed,
        DeviceError, // any other device failure (see device)
        // The job.
        Timeout, // a step overran its time-out (the watchdog)
        Cancelled,
        JournalUnavailable,
        Interrupted, // the process ended with the attempt open (journal only)
        // The lot (docs/lots.md): refused before touching the key.
        NotInLot,
        AlreadyInLot,
        LotComplete,
        // The CA (see ca): "Ca" + the CA client's code name.
        Ca,
        // The issued certificate failed the check (see ca): "Certificate" + the check's code name.
        Certificate,
        // A name this build does not know (a newer station's journal): shown as it is.
        Unknown,
    };

    Kind kind = Kind::None;
    std::optional<device::DeviceError> device; // the cause, when the device layer failed
    std::optional<ca::CaError>
        ca; // the cause for Ca and Certificate (only its code when read from a journal)
    QString unknownName; // Unknown: the name as read

    JobError() = default;
    JobError(Kind k) // NOLINT(google-explicit-constructor): JobError e = JobError::Kind::Timeout
        : kind(k)
    { }

    static JobError fromDevice(const device::DeviceError &error); // maps the device code to its kind
    static JobError fromCa(const ca::CaError &error); // enrolment failed
    static JobError fromCertificateCheck(const ca::CaError &error); // the issued certificate was refused
    // A journal's or a JSON consumer's name back to its kind: every name() and the old spellings
    // ("CaCaRefused", "TokenRemoved"). An unknown name gives Kind::Unknown keeping the name.
    static JobError fromName(const QString &name);

    bool isNone() const { return kind == Kind::None; }
    // Stable, for the journal and JSON: "PinIncorrect", "CaNetwork", "CertificateUntrustedChain".
    QString name() const;
    // Translated, short: "Wrong PIN", "CA unreachable".
    QString title() const;
    // Translated, one plain thing for the operator to do: "Re-plug the key". Empty for None.
    QString nextStep() const;
    // A person must decide before this key can go on (amber on the bench, issue 11); the station does not
    // retry it by itself.
    bool needsPerson() const;
    // The batch's lot kept the key out before touching it (NotInLot, AlreadyInLot, LotComplete).
    bool isLotRefusal() const;

    // Every kind, in the table's order (for tests and lupdate-driven checks).
    static QList<Kind> allKinds();
};

} // namespace ks::core
