#include "core/JobError.h"

namespace ks::core {

namespace {

using Kind = JobError::Kind;

// THE table: one row per kind. name is stable (the journal and `--json` keep it; never rename one, add the
// old spelling to fromName instead); title and next step are for people (translated, both languages in
// translations/zh_CN.tsv); person: a person must decide before the key can go on (amber on the bench: PIN
// flags, a key pulled or swapped mid-step, a step that timed out, a refusal by policy; issue 11).
struct Row
{
    Kind kind;
    const char16_t *name;
    const char *title;
    const char *next;
    bool person;
};

// clang-format off
constexpr Row kRows[] = {
    { Kind::None, u"", QT_TRANSLATE_NOOP("ks::core::JobError", "No error"), "", false },
    { Kind::KeyRemoved, u"KeyRemoved", QT_TRANSLATE_NOOP("ks::core::JobError", "Key removed"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Re-plug the key, then retry it"), true },
    { Kind::KeySwapped, u"KeySwapped", QT_TRANSLATE_NOOP("ks::core::JobError", "Key swapped"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Re-plug the key, then retry it"), true },
    { Kind::PinIncorrect, u"PinIncorrect", QT_TRANSLATE_NOOP("ks::core::JobError", "Wrong PIN"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Give this key to the supervisor: its PIN is not the profile's"),
      true },
    { Kind::PinLocked, u"PinLocked", QT_TRANSLATE_NOOP("ks::core::JobError", "PIN locked"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Give this key to the supervisor: PIN locked"), true },
    { Kind::PinFinalTry, u"PinFinalTry", QT_TRANSLATE_NOOP("ks::core::JobError", "PIN on its last try"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Give this key to the supervisor: PIN nearly locked"), true },
    { Kind::PinCountLow, u"PinCountLow", QT_TRANSLATE_NOOP("ks::core::JobError", "Few PIN tries left"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Give this key to the supervisor: PIN nearly locked"), true },
    { Kind::PinUnavailable, u"PinUnavailable", QT_TRANSLATE_NOOP("ks::core::JobError", "No PIN for this key"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Call the supervisor: the profile gives no PIN for this key"),
      true },
    { Kind::CertificateExists, u"CertificateExists",
      QT_TRANSLATE_NOOP("ks::core::JobError", "Certificate already there"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Give this key to the supervisor: it already holds a certificate"),
      true },
    { Kind::ForeignCertificate, u"ForeignCertificate",
      QT_TRANSLATE_NOOP("ks::core::JobError", "Certificate of another CA or profile"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Set the key aside for the supervisor: it holds another certificate"),
      true },
    { Kind::AlgorithmUnsupported, u"AlgorithmUnsupported",
      QT_TRANSLATE_NOOP("ks::core::JobError", "Algorithm not supported"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Call the supervisor: this key model does not fit the profile"),
      true },
    { Kind::ReadBackMismatch, u"ReadBackMismatch", QT_TRANSLATE_NOOP("ks::core::JobError", "Read-back mismatch"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Retry the key; if it fails again, set it aside"), false },
    { Kind::SignatureInvalid, u"SignatureInvalid", QT_TRANSLATE_NOOP("ks::core::JobError", "Bad signature"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Retry the key; if it fails again, set it aside"), false },
    { Kind::ModuleUnavailable, u"ModuleUnavailable",
      QT_TRANSLATE_NOOP("ks::core::JobError", "PKCS#11 module unavailable"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Call the supervisor: the station cannot load the key's module"),
      true },
    { Kind::WorkerFailed, u"WorkerFailed", QT_TRANSLATE_NOOP("ks::core::JobError", "Key worker stopped"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Retry the key; if it fails again, set it aside"), false },
    { Kind::DeviceError, u"DeviceError", QT_TRANSLATE_NOOP("ks::core::JobError", "Key error"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Retry the key; if it fails again, set it aside"), false },
    { Kind::Timeout, u"Timeout", QT_TRANSLATE_NOOP("ks::core::JobError", "No answer in time"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Re-plug the key, then retry it; if it happens again, set it aside"),
      true },
    { Kind::Cancelled, u"Cancelled", QT_TRANSLATE_NOOP("ks::core::JobError", "Cancelled"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Retry the key when you are ready"), false },
    { Kind::JournalUnavailable, u"JournalUnavailable", QT_TRANSLATE_NOOP("ks::core::JobError", "Log not writable"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Stop and call the supervisor: the batch log cannot be written"),
      true },
    { Kind::Interrupted, u"Interrupted",
      QT_TRANSLATE_NOOP("ks::core::JobError", "Interrupted (the process ended)"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Retry the key: it goes on where it stopped"), false },
    { Kind::NotInLot, u"NotInLot", QT_TRANSLATE_NOOP("ks::core::JobError", "Not in this lot"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Not in this lot: set the key aside"), true },
    { Kind::AlreadyInLot, u"AlreadyInLot", QT_TRANSLATE_NOOP("ks::core::JobError", "Already done in this lot"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Already done in this lot: set the key aside"), true },
    { Kind::LotComplete, u"LotComplete", QT_TRANSLATE_NOOP("ks::core::JobError", "Lot complete"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Lot complete: stop and see the supervisor"), true },
    { Kind::Ca, u"Ca", QT_TRANSLATE_NOOP("ks::core::JobError", "The CA did not issue a certificate"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Check the CA connection, then retry the key"), false },
    { Kind::Certificate, u"Certificate", QT_TRANSLATE_NOOP("ks::core::JobError", "Certificate refused by the check"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Call the supervisor: the CA issued a certificate the profile refuses"),
      true },
    { Kind::Unknown, u"", QT_TRANSLATE_NOOP("ks::core::JobError", "Unknown error"),
      QT_TRANSLATE_NOOP("ks::core::JobError", "Set the key aside and call the supervisor"), true },
};

// Titles that say more than the row's for a CA client code (Kind::Ca, then Kind::Certificate).
struct CaRow
{
    Kind kind;
    ca::CaError::Code code;
    const char *title;
};

constexpr CaRow kCaRows[] = {
    { Kind::Ca, ca::CaError::Code::Network, QT_TRANSLATE_NOOP("ks::core::JobError", "CA unreachable") },
    { Kind::Ca, ca::CaError::Code::Timeout, QT_TRANSLATE_NOOP("ks::core::JobError", "CA did not answer") },
    { Kind::Ca, ca::CaError::Code::Tls, QT_TRANSLATE_NOOP("ks::core::JobError", "TLS to the CA failed") },
    { Kind::Ca, ca::CaError::Code::Unauthorized, QT_TRANSLATE_NOOP("ks::core::JobError", "CA refused the station") },
    { Kind::Ca, ca::CaError::Code::CaRefused, QT_TRANSLATE_NOOP("ks::core::JobError", "CA refused the request") },
    { Kind::Ca, ca::CaError::Code::HttpStatus, QT_TRANSLATE_NOOP("ks::core::JobError", "CA error") },
    { Kind::Certificate, ca::CaError::Code::UntrustedChain,
      QT_TRANSLATE_NOOP("ks::core::JobError", "Certificate not trusted") },
    { Kind::Certificate, ca::CaError::Code::PublicKeyMismatch,
      QT_TRANSLATE_NOOP("ks::core::JobError", "Certificate for another key") },
    { Kind::Certificate, ca::CaError::Code::SerialMismatch,
      QT_TRANSLATE_NOOP("ks::core::JobError", "Certificate names another key") },
    { Kind::Certificate, ca::CaError::Code::Expired, QT_TRANSLATE_NOOP("ks::core::JobError", "Certificate expired") },
};
// clang-format on

const Row &row(Kind kind)
{
    for (const Row &r : kRows)
        if (r.kind == kind)
            return r;
    return kRows[std::size(kRows) - 1]; // Unknown
}

// The CA's own refusals and the station's CA settings: retrying the key as it is does not help.
bool caNeedsSupervisor(ca::CaError::Code code)
{
    using C = ca::CaError::Code;
    switch (code) {
    case C::Configuration:
    case C::Unauthorized:
    case C::PinMismatch:
    case C::CaCertificateMismatch:
    case C::CaRefused:
    case C::ScepBadAlg:
    case C::ScepBadMessageCheck:
    case C::ScepBadRequest:
    case C::ScepBadCertId:
        return true;
    default:
        return false;
    }
}

std::optional<ca::CaError::Code> caCodeFromName(const QString &name)
{
    for (int c = 0; c <= static_cast<int>(ca::CaError::Code::ScepBadCertId); ++c) {
        const auto code = static_cast<ca::CaError::Code>(c);
        if (ca::CaError::codeName(code) == name)
            return code;
    }
    return std::nullopt;
}

ca::CaError caOfCode(ca::CaError::Code code)
{
    ca::CaError e;
    e.code = code;
    return e;
}

} // namespace

JobError JobError::fromDevice(const device::DeviceError &error)
{
    using C = device::DeviceError::Code;
    JobError e;
    switch (error.code) {
    case C::TokenAbsent:
        e.kind = Kind::KeyRemoved;
        break;
    case C::TokenMismatch:
        e.kind = Kind::KeySwapped;
        break;
    case C::PinIncorrect:
        e.kind = Kind::PinIncorrect;
        break;
    case C::PinLocked:
        e.kind = Kind::PinLocked;
        break;
    case C::PinFinalTry:
        e.kind = Kind::PinFinalTry;
        break;
    case C::PinCountLow:
        e.kind = Kind::PinCountLow;
        break;
    case C::AlreadyExists:
        e.kind = Kind::CertificateExists;
        break;
    case C::Unsupported:
        e.kind = Kind::AlgorithmUnsupported;
        break;
    case C::ReadBackMismatch:
        e.kind = Kind::ReadBackMismatch;
        break;
    case C::Crypto:
        e.kind = Kind::SignatureInvalid;
        break;
    case C::ModuleLoad:
        e.kind = Kind::ModuleUnavailable;
        break;
    case C::WorkerFailed:
        e.kind = Kind::WorkerFailed;
        break;
    default:
        e.kind = Kind::DeviceError;
        break;
    }
    e.device = error;
    return e;
}

JobError JobError::fromCa(const ca::CaError &error)
{
    JobError e(Kind::Ca);
    e.ca = error;
    return e;
}

JobError JobError::fromCertificateCheck(const ca::CaError &error)
{
    JobError e(Kind::Certificate);
    e.ca = error;
    return e;
}

JobError JobError::fromName(const QString &name)
{
    if (name.isEmpty())
        return {};
    for (const Row &r : kRows)
        if (r.kind != Kind::None && r.kind != Kind::Unknown && r.kind != Kind::Ca
            && r.kind != Kind::Certificate && name == QString::fromUtf16(r.name))
            return r.kind;
    if (name == QLatin1String("TokenRemoved")) // an early spelling of KeyRemoved
        return Kind::KeyRemoved;
    if (name.startsWith(QLatin1String("Certificate"))) {
        if (auto code = caCodeFromName(name.mid(11)))
            return fromCertificateCheck(caOfCode(*code));
    }
    if (name.startsWith(QLatin1String("Ca"))) {
        // "CaNetwork"; the CA's codes that start with "Ca" themselves ("CaRefused") are not prefixed twice,
        // but journals before that read "CaCaRefused".
        if (auto code = caCodeFromName(name.mid(2)))
            return fromCa(caOfCode(*code));
        if (auto code = caCodeFromName(name))
            return fromCa(caOfCode(*code));
    }
    JobError unknown(Kind::Unknown);
    unknown.unknownName = name;
    return unknown;
}

QString JobError::name() const
{
    switch (kind) {
    case Kind::Ca: {
        const QString code = ca::CaError::codeName(ca ? ca->code : ca::CaError::Code::None);
        // "CaRefused", not "CaCaRefused": a CA code that names the CA already is not prefixed twice.
        const bool namesTheCa
            = code.size() > 2 && code.startsWith(QLatin1String("Ca")) && code.at(2).isUpper();
        return namesTheCa ? code : QStringLiteral("Ca") + code;
    }
    case Kind::Certificate:
        return QStringLiteral("Certificate") + ca::CaError::codeName(ca ? ca->code : ca::CaError::Code::None);
    case Kind::Unknown:
        return unknownName;
    default:
        return QString::fromUtf16(row(kind).name);
    }
}

QString JobError::title() const
{
    if ((kind == Kind::Ca || kind == Kind::Certificate) && ca) {
        for (const CaRow &r : kCaRows)
            if (r.kind == kind && r.code == ca->code)
                return tr(r.title);
        return kind == Kind::Ca ? tr("CA: %1").arg(ca::CaError::codeName(ca->code))
                                : tr("Certificate: %1").arg(ca::CaError::codeName(ca->code));
    }
    if (kind == Kind::Unknown && !unknownName.isEmpty())
        return unknownName;
    return tr(row(kind).title);
}

QString JobError::nextStep() const
{
    if (kind == Kind::Ca && ca && caNeedsSupervisor(ca->code))
        return tr("Give this key to the supervisor: the CA refused it");
    const char *next = row(kind).next;
    return *next ? tr(next) : QString();
}

bool JobError::needsPerson() const
{
    if (kind == Kind::Ca && ca && caNeedsSupervisor(ca->code))
        return true;
    return row(kind).person;
}

bool JobError::isLotRefusal() const
{
    return kind == Kind::NotInLot || kind == Kind::AlreadyInLot || kind == Kind::LotComplete;
}

QList<JobError::Kind> JobError::allKinds()
{
    QList<Kind> kinds;
    for (const Row &r : kRows)
        kinds << r.kind;
    return kinds;
}

} // namespace ks::core
