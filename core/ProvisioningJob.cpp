#include "core/ProvisioningJob.h"

#include "base/CertificateFacts.h"
#include "ca_client/CertificateVerifier.h"
#include "ca_client/EnrollmentClient.h"
#include "core/Journal.h"
#include "core/Log.h"
#include "core/PinDerivation.h"
#include "core/SecureBytes.h"
#include "core/TokenScepKey.h"
#include "device/DeviceError.h"
#include "device/Pkcs11Module.h"
#include "device/TokenSession.h"
#include "device/worker/WorkerSession.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <openssl/rand.h>

#include <chrono>
#include <condition_variable>
#include <thread>

namespace ks::core {

namespace {

// The CA client stops a request at the profile's enrolment time-out with a precise error (CaTimeout); the
// watchdog, a little later, is only the backstop.
constexpr std::chrono::seconds kEnrolGrace { 5 };

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::optional<JournalStep> journalStep(JobStage stage)
{
    switch (stage) {
    case JobStage::Login:
        return JournalStep::Login;
    case JobStage::FindKeyPair:
        return JournalStep::FindKeyPair;
    case JobStage::GenerateKeyPair:
        return JournalStep::GenerateKeyPair;
    case JobStage::ReadIdentity:
        return JournalStep::ReadIdentity;
    case JobStage::CreateCsr:
        return JournalStep::CreateCsr;
    case JobStage::Enrol:
        return JournalStep::Enrol;
    case JobStage::VerifyCertificate:
        return JournalStep::VerifyCertificate;
    case JobStage::WriteCertificate:
        return JournalStep::WriteCertificate;
    case JobStage::ReadBack:
        return JournalStep::ReadBack;
    case JobStage::SetUserPin:
        return JournalStep::SetUserPin;
    default:
        return std::nullopt;
    }
}

bool pairMatches(const device::KeyPairInfo &pair, device::KeyAlgorithm algorithm)
{
    if (device::KeyAlgorithms::isRsa(algorithm))
        return pair.rsa && pair.bits == device::KeyAlgorithms::rsaBits(algorithm);
    return !pair.rsa && pair.bits == (algorithm == device::KeyAlgorithm::EcP384 ? 384 : 256);
}

struct CertFacts
{
    QString serialHex;
    QDateTime notAfter;
    QString subject; // RFC 2253
    QString issuer;
    QByteArray publicKeyInfo; // SubjectPublicKeyInfo DER
};

// The facts the journal and the result keep, read with ks_base's helpers (base/CertificateFacts.h).
CertFacts certFacts(const QByteArray &der)
{
    CertFacts facts;
    const X509Ptr cert = parseCertificateDerPrefix(der);
    if (!cert)
        return facts;
    facts.serialHex = serialHex(cert.get()).toLower();
    facts.notAfter = asn1TimeToUtc(X509_get0_notAfter(cert.get()));
    facts.subject = nameText(X509_get_subject_name(cert.get()));
    facts.issuer = nameText(X509_get_issuer_name(cert.get()));
    facts.publicKeyInfo = subjectPublicKeyInfoDer(cert.get());
    return facts;
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

// The profile's certificate check for this key (caChain: what the CA sent with the certificate).
ca::Result<ca::CertificateVerifier::Verified> verifyFor(const ProvisioningContext &ctx, const QString &serial,
                                                        const QByteArray &der, const QByteArray &publicKey,
                                                        const QList<QByteArray> &caChain = {})
{
    ca::CertificateVerifier::Input input;
    input.leafDer = der;
    input.intermediatesDer = caChain + ctx.intermediatesDer;
    input.trustAnchorsDer = ctx.trustAnchorsDer;
    input.expectedPublicKeyInfo = publicKey;
    input.expectedSerial = serial;
    input.policy = ctx.policy;
    input.policy.expectedSubject = ctx.profile.expectedSubject(serial);
    input.now = ctx.clock();
    return ca::CertificateVerifier::verify(input);
}

} // namespace

// What one run carries from state to state. Lives on the job's thread only (never read by the watchdog).
struct ProvisioningJob::Run
{
    KeyResumeState resume; // what the journal says an earlier attempt left
    std::shared_ptr<device::KeySession> session;
    QString attemptId;
    QByteArray pin; // the login PIN, wiped when the run ends (the user PIN step needs it again)
    bool scep = false;
    QList<device::CertificateObject> certificates; // on the key after the login (FindKeyPair)
    std::optional<device::KeyPairInfo> chosen; // the key pair being certified
    QString keyIdHex;
    QByteArray certificate; // issued (by this attempt or an earlier one), before it is verified and written
    QList<QByteArray> caChain; // what the CA sent with a certificate received in this attempt
    QString discarded; // why an earlier attempt's certificate was dropped, for the CSR step's journal row
    QByteArray csr;
    std::shared_ptr<TokenScepKey> scepKey;

    // The chosen key pair holds a torn certificate object (tornWrite): the write step replaces it.
    bool replaceTornCertificate = false;

    ~Run() { wipe(pin); }

    // A certificate object this station began to write and never finished: the journal says a write of this
    // key pair's certificate started (and did not end) and the object under its CKA_ID holds no certificate
    // (empty or cut short: the process or the key died in C_CreateObject). Ours to replace, not a foreign
    // one.
    bool tornWrite(const device::CertificateObject &object) const
    {
        return resume.stage == KeyResumeState::Stage::CertificateIssued && resume.writeStarted
            && !resume.keyIdHex.isEmpty() && object.id == QByteArray::fromHex(resume.keyIdHex.toLatin1())
            && !parseCertificateDerPrefix(object.der);
    }

    bool certificateOnKey(const QByteArray &id) const
    {
        for (const auto &c : certificates)
            if (c.id == id)
                return true;
        return false;
    }
};

// Wakes the thread waiting for the CA: the request's completion, cancel(), expire() and abandon() call
// wake(). Shared with the request's continuation, which may run after the job is gone.
struct ProvisioningJob::Waker
{
    std::mutex mutex;
    std::condition_variable condition;
    bool woken = false;

    void wake()
    {
        {
            std::lock_guard lock(mutex);
            woken = true;
        }
        condition.notify_all();
    }
    // Until wake() is called, or returns at once if it was called since the last wait.
    void wait()
    {
        std::unique_lock lock(mutex);
        condition.wait(lock, [this] { return woken; });
        woken = false;
    }
};

ProvisioningJob::ProvisioningJob(std::shared_ptr<const ProvisioningContext> context, device::TokenInfo token)
    : m_context(std::move(context))
    , m_token(std::move(token))
    , m_waker(std::make_shared<Waker>())
{
    m_result.serial = m_token.serial;
    m_result.model = m_token.model;
}

ProvisioningJob::~ProvisioningJob() = default;

void ProvisioningJob::start(Sink sink)
{
    m_sink = std::move(sink);
    m_startMs = steadyMs();
    // Detached: a thread stuck in a module call must not hold up the station; it keeps the job and the module
    // alive through these references until the call returns.
    std::thread([self = shared_from_this()] { self->run(); }).detach();
}

void ProvisioningJob::cancel()
{
    m_cancel = true;
    m_waker->wake();
}

void ProvisioningJob::detach()
{
    std::lock_guard lock(m_mutex);
    m_sink = nullptr;
}

void ProvisioningJob::abandon()
{
    {
        std::lock_guard lock(m_mutex);
        m_sink = nullptr;
        m_finished = true;
        m_deadlineMs = 0;
    }
    m_waker->wake();
    abortSession();
}

bool ProvisioningJob::abortSession()
{
    std::shared_ptr<device::KeySession> session;
    {
        std::lock_guard lock(m_sessionMutex);
        session = m_session;
    }
    return session && session->abort();
}

bool ProvisioningJob::finished() const
{
    std::lock_guard lock(m_mutex);
    return m_finished;
}

bool ProvisioningJob::expire(qint64 nowMs)
{
    // Called on the GUI thread every tick for every running job: it must never wait. A job that holds its
    // lock is busy writing the journal, which is not hung; it is looked at again on the next tick.
    const qint64 deadline = m_deadlineMs.load();
    if (deadline == 0 || nowMs < deadline)
        return false;
    std::unique_lock lock(m_mutex, std::try_to_lock);
    if (!lock.owns_lock() || m_finished || m_deadlineMs.load() == 0 || nowMs < m_deadlineMs.load())
        return false;
    const qint64 allowed = (m_deadlineMs.load() - m_stepStartMs) / 1000;
    const JobStage stage = m_stage.load();
    const QString message = tr("No answer within %1 s while %2; the key was left as it is.")
                                .arg(allowed)
                                .arg(jobStageTitle(stage).toLower());
    // A worker stuck in a module call is killed: the key is free for a retry with a fresh worker.
    const bool workerStopped = abortSession();
    m_result.failedAt = stage;
    m_result.error = JobError::Kind::Timeout;
    m_result.errorMessage
        = workerStopped ? message + QLatin1Char(' ') + tr("Its worker process was stopped.") : message;
    if (auto step = journalStep(stage); step && !m_result.attemptId.isEmpty())
        m_context->journal->recordEvent(m_result.attemptId, *step, JournalPhase::Failed,
                                        { { QStringLiteral("code"), m_result.errorCode() },
                                          { QStringLiteral("message"), m_result.errorMessage },
                                          { QStringLiteral("workerStopped"), workerStopped } });
    finishLocked(JobStage::Failed);
    m_waker->wake();
    return true;
}

bool ProvisioningJob::cancelled()
{
    if (!m_cancel)
        return false;
    std::lock_guard lock(m_mutex);
    if (m_finished)
        return true;
    m_result.failedAt = m_stage.load();
    m_result.error = JobError::Kind::Cancelled;
    m_result.errorMessage = tr("Cancelled by the operator.");
    if (auto step = journalStep(m_stage.load()); step && !m_result.attemptId.isEmpty())
        m_context->journal->recordEvent(m_result.attemptId, *step, JournalPhase::Failed,
                                        { { QStringLiteral("code"), m_result.errorCode() } });
    finishLocked(JobStage::Cancelled);
    return true;
}

bool ProvisioningJob::enter(JobStage stage, std::chrono::seconds timeout, const QJsonObject &detail)
{
    if (cancelled())
        return false;
    std::unique_lock lock(m_mutex);
    if (m_finished)
        return false;
    m_stage = stage;
    m_stepStartMs = steadyMs();
    m_deadlineMs = m_stepStartMs + std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count();
    m_result.steps.append(StepTiming { stage, m_context->clock().toMSecsSinceEpoch(), 0, true });
    if (auto step = journalStep(stage)) {
        auto recorded
            = m_context->journal->recordEvent(m_result.attemptId, *step, JournalPhase::Before, detail);
        if (!recorded) {
            lock.unlock();
            fail(JobError::Kind::JournalUnavailable,
                 tr("The batch log cannot be written (%1); stopped before touching the key.")
                     .arg(recorded.error().message));
            return false;
        }
    }
    if (m_sink)
        m_sink(Update { m_token.serial, stage, false, {} });
    return true;
}

bool ProvisioningJob::leave(const QJsonObject &detail)
{
    std::unique_lock lock(m_mutex);
    if (m_finished)
        return false;
    m_deadlineMs = 0;
    if (!m_result.steps.isEmpty())
        m_result.steps.back().elapsedMs = steadyMs() - m_stepStartMs;
    if (auto step = journalStep(m_stage.load())) {
        auto recorded
            = m_context->journal->recordEvent(m_result.attemptId, *step, JournalPhase::After, detail);
        if (!recorded) {
            lock.unlock();
            fail(JobError::Kind::JournalUnavailable,
                 tr("The batch log cannot be written (%1); stopped.").arg(recorded.error().message));
            return false;
        }
    }
    lock.unlock();
    return !cancelled();
}

void ProvisioningJob::fail(const JobError &error, const QString &message, const QJsonObject &detail)
{
    std::lock_guard lock(m_mutex);
    if (m_finished)
        return;
    const JobStage stage = m_stage.load();
    m_result.failedAt = stage;
    m_result.error = error;
    m_result.errorMessage = message;
    if (!m_result.steps.isEmpty()) {
        m_result.steps.back().ok = false;
        m_result.steps.back().elapsedMs = steadyMs() - m_stepStartMs;
    }
    QJsonObject d = detail;
    const QString code = error.name();
    d.insert(QStringLiteral("code"), code);
    d.insert(QStringLiteral("message"), message);
    if (auto step = journalStep(stage); step && !m_result.attemptId.isEmpty())
        m_context->journal->recordEvent(m_result.attemptId, *step, JournalPhase::Failed, d);
    // Info, not a warning: the front end reports every failed key once (the tile, the CLI's FAILED line) and
    // the journal keeps it; a warning would print it a second time on the CLI's stderr.
    qCInfo(lcCore) << "key" << m_token.serial << "failed at" << jobStageName(stage) << code << message;
    finishLocked(JobStage::Failed);
}

void ProvisioningJob::failDevice(const device::DeviceError &error)
{
    // OpenSC reports a card pulled in the middle of a command as CKR_GENERAL_ERROR, not CKR_DEVICE_REMOVED:
    // ask the key whether it is still there before calling it a device error.
    if (error.code == device::DeviceError::Code::Pkcs11) {
        std::shared_ptr<device::KeySession> session;
        {
            std::lock_guard lock(m_sessionMutex);
            session = m_session;
        }
        // pcscd notices a pulled card on its next look at the reader (about 0.4 s for vpcd): ask for up to 2
        // s.
        bool absent = false;
        for (int look = 0; session && !absent && look < 5 && !finished(); ++look) {
            if (look > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(400));
            auto info = session->refreshTokenInfo();
            absent = !info && info.error().code == device::DeviceError::Code::TokenAbsent;
        }
        if (absent) {
            QJsonObject detail { { QStringLiteral("call"), error.call },
                                 { QStringLiteral("ckr"), error.ckrName() } };
            JobError removed(JobError::Kind::KeyRemoved);
            removed.device = error;
            return fail(removed,
                        tr("Key %1 was pulled out during %2 (the module answered %3).")
                            .arg(m_token.serial, error.call, error.ckrName()),
                        detail);
        }
    }
    QJsonObject detail;
    if (!error.call.isEmpty())
        detail.insert(QStringLiteral("call"), error.call);
    if (error.ckr)
        detail.insert(QStringLiteral("ckr"), error.ckrName());
    fail(JobError::fromDevice(error), error.toString(), detail);
}

void ProvisioningJob::finishLocked(JobStage outcome)
{
    m_finished = true;
    m_deadlineMs = 0;
    m_result.outcome = outcome;
    m_result.elapsedMs = steadyMs() - m_startMs;
    m_stage = outcome;
    if (!m_result.attemptId.isEmpty()) {
        AttemptOutcome o;
        o.state = outcome == JobStage::Done  ? AttemptState::Done
            : outcome == JobStage::Cancelled ? AttemptState::Cancelled
                                             : AttemptState::Failed;
        o.errorCode = m_result.errorCode();
        o.errorMessage = m_result.errorMessage;
        if (auto status = m_context->journal->finishAttempt(m_result.attemptId, o); !status)
            qCCritical(lcCore) << "cannot close attempt" << m_result.attemptId << status.error().toString();
    }
    if (m_sink)
        m_sink(Update { m_token.serial, outcome, true, m_result });
}

void ProvisioningJob::note(const std::function<void(JobResult &)> &change)
{
    std::lock_guard lock(m_mutex);
    change(m_result);
}

void ProvisioningJob::succeed()
{
    std::lock_guard lock(m_mutex);
    if (!m_finished)
        finishLocked(JobStage::Done);
}

QByteArray ProvisioningJob::loginPin(QString *error) const
{
    const auto &secrets = *m_context->secrets;
    if (m_context->profile.pin.source == Profile::PinSource::Transport) {
        if (secrets.transportPin.isEmpty())
            *error = tr("No transport PIN is configured.");
        // A deep copy: the caller wipes it, and a wipe reaches every array sharing the storage
        // (core/SecureBytes.h), which would empty the station's PIN for the keys after this one.
        return QByteArray(secrets.transportPin.constData(), secrets.transportPin.size());
    }
    auto pin = PinDerivation::derive(secrets.stationSecret, m_token.serial, m_context->profile.pin.digits);
    if (!pin) {
        *error = pin.error().message;
        return {};
    }
    return *pin;
}

void ProvisioningJob::run()
{
    m_run = std::make_unique<Run>();
    JobStage state = JobStage::Queued;
    while (!isFinal(state))
        state = step(state);
    if (state == JobStage::Done)
        succeed();
    // The session ends on this thread (a worker's socket is closed and the worker reaped here).
    std::shared_ptr<device::KeySession> last = std::move(m_run->session);
    {
        std::lock_guard lock(m_sessionMutex);
        m_session.reset();
    }
    m_run.reset();
}

JobStage ProvisioningJob::step(JobStage state)
{
    switch (state) {
    case JobStage::Queued:
        return beginAttempt();
    case JobStage::Login:
        return login();
    case JobStage::FindKeyPair:
        return findKeyPair();
    case JobStage::GenerateKeyPair:
        return generateKeyPair();
    case JobStage::ReadIdentity:
        return readIdentity();
    case JobStage::CreateCsr:
        return createCsr();
    case JobStage::Enrol:
        return enrol();
    case JobStage::VerifyCertificate:
        return verifyCertificate();
    case JobStage::WriteCertificate:
        return writeCertificate();
    case JobStage::ReadBack:
        return readBack();
    case JobStage::SetUserPin:
        return setUserPin();
    case JobStage::Done:
    case JobStage::Failed:
    case JobStage::Cancelled:
        break;
    }
    return state;
}

JobStage ProvisioningJob::stopped() const
{
    std::lock_guard lock(m_mutex);
    // A job stopped by fail(), cancelled() or the watchdog holds its outcome; one abandoned by its station
    // (abandon()) has none and ends as failed, without touching anything again.
    return m_finished && isFinal(m_stage.load()) ? m_stage.load() : JobStage::Failed;
}

// Queued: the journal's view of the key and a new attempt.
JobStage ProvisioningJob::beginAttempt()
{
    const ProvisioningContext &ctx = *m_context;
    auto resume = ctx.journal->resumeState(m_token.serial);
    auto attempt
        = ctx.journal->beginAttempt(ctx.batchId, m_token.serial, m_token.model,
                                    { { QStringLiteral("slot"), static_cast<qint64>(m_token.slotId) },
                                      { QStringLiteral("port"), m_token.port() },
                                      { QStringLiteral("label"), m_token.label },
                                      { QStringLiteral("manufacturer"), m_token.manufacturer } });
    if (!attempt || !resume) {
        fail(JobError::Kind::JournalUnavailable,
             tr("The batch log cannot be written (%1); the key was not touched.")
                 .arg(!attempt ? attempt.error().message : resume.error().message));
        return stopped();
    }
    m_run->resume = *resume;
    m_run->attemptId = *attempt;
    {
        std::lock_guard lock(m_mutex);
        m_result.attemptId = *attempt;
    }
    return JobStage::Login;
}

// Login (docs/flow.md step 4): the lot's verdict, the key's session, what the key holds before a login, then
// the login itself.
JobStage ProvisioningJob::login()
{
    const ProvisioningContext &ctx = *m_context;
    const Profile &profile = ctx.profile;
    const QString &serial = m_token.serial;
    Run &run = *m_run;
    const KeyResumeState &resume = run.resume;

    if (!enter(JobStage::Login, profile.timeouts.login))
        return stopped();
    // The lot decides before anything touches the key: no login (no PIN try spent), nothing generated.
    if (ctx.lot) {
        const LotManifest &lot = *ctx.lot;
        const QString normalised = PinDerivation::normaliseSerial(serial);
        auto verdict = ctx.journal->admitToLot(run.attemptId, lot);
        if (!verdict)
            return failed(JobError::Kind::JournalUnavailable,
                          tr("The lot %1 cannot be checked in the batch log (%2); the key was not touched.")
                              .arg(lot.id, verdict.error().message));
        const QJsonObject detail { { QStringLiteral("lot"), lot.id },
                                   { QStringLiteral("verdict"), lotVerdictName(*verdict) } };
        switch (*verdict) {
        case LotVerdict::Admitted:
            break;
        case LotVerdict::NotInLot:
            return failed(
                JobError::Kind::NotInLot,
                tr("Key %1 is not in lot %2: it was not touched. Put it aside; it belongs to another "
                   "work order.")
                    .arg(normalised, lot.id),
                detail);
        case LotVerdict::AlreadyInLot:
            return failed(
                JobError::Kind::AlreadyInLot,
                tr("Key %1 is already done in lot %2 (on this or another station): it is not enrolled "
                   "twice and was not touched.")
                    .arg(normalised, lot.id),
                detail);
        case LotVerdict::LotComplete:
            return failed(JobError::Kind::LotComplete,
                          tr("Lot %1 is complete: %2 of %2 done or in progress. Key %3 was not touched.")
                              .arg(lot.id)
                              .arg(lot.quantity)
                              .arg(normalised),
                          detail);
        }
    }
    // The journal remembers what a token may not: a key that refused the PIN is not tried again until a
    // person says so, whatever its flags say now (a fresh process of OpenSC's isoApplet driver reports none).
    const JobError::Kind lastError = JobError::fromName(resume.lastErrorCode).kind;
    const bool pinRefused = lastError == JobError::Kind::PinIncorrect
        || lastError == JobError::Kind::PinCountLow || lastError == JobError::Kind::PinFinalTry
        || lastError == JobError::Kind::PinLocked;
    if (profile.pin.minRetriesLeft > 1 && !ctx.retryPinRefused && pinRefused)
        return failed(
            JobError::Kind::PinCountLow,
            tr("Key %1 refused the PIN at its last attempt (%2); no further try is spent. A supervisor "
               "checks the key and its PIN, then it is provisioned again with --retry-pin-refused.")
                .arg(serial, resume.lastErrorCode),
            { { QStringLiteral("previousError"), resume.lastErrorCode } });
    std::shared_ptr<device::KeySession> session;
    if (ctx.workerPath.isEmpty()) {
        auto opened = device::TokenSession::open(ctx.module, serial);
        if (!opened)
            return failedDevice(opened.error());
        session = std::move(*opened);
    } else {
        device::WorkerOptions options;
        options.workerPath = ctx.workerPath;
        options.modulePath = ctx.module->path();
        options.startTimeout = profile.timeouts.login;
        if (!profile.pin.env.isEmpty())
            options.withheldEnvironment
                << profile.pin.env; // the transport PIN, under a name of the profile's
        if (ctx.openScReaders.contains(m_token.port())) {
            options.ignoredReaders = ctx.openScReaders;
            options.ignoredReaders.removeAll(m_token.port());
        }
        auto opened = device::WorkerSession::open(options, serial);
        if (!opened)
            return failedDevice(opened.error());
        session = std::move(*opened);
    }
    {
        std::lock_guard lock(m_sessionMutex);
        m_session = session;
    }
    run.session = session;
    if (finished()) // the watchdog fired while the worker started
        return stopped();
    run.scep = profile.ca.protocol == Profile::CaProtocol::Scep;

    // --- 4a. what the key holds, read before any login (docs/flow.md) ---
    // Certificates and public keys are public objects: a key this profile has provisioned is reported done,
    // and a key holding another CA's or profile's certificate is left for a person, without a PIN try spent.
    // A wrong profile loaded on a full hub must not burn every key's PIN counter.
    auto held = session->certificates();
    if (!held)
        return failedDevice(held.error());
    auto heldKeys = session->publicKeys();
    if (!heldKeys)
        return failedDevice(heldKeys.error());
    if (!ctx.force) {
        for (const auto &cert : *held) {
            for (const auto &key : *heldKeys) {
                if (key.id != cert.id || key.publicKey.isEmpty()
                    || !verifyFor(*m_context, m_token.serial, cert.der, key.publicKey))
                    continue;
                const CertFacts facts = certFacts(cert.der);
                note([&](JobResult &r) {
                    r.alreadyProvisioned = true;
                    r.keyIdHex = hex(key.id);
                    r.certDer = cert.der;
                    r.certSerialHex = facts.serialHex;
                    r.certNotAfter = facts.notAfter;
                });
                if (!leave({ { QStringLiteral("loggedIn"), false },
                             { QStringLiteral("keyId"), hex(key.id) },
                             { QStringLiteral("certSerial"), facts.serialHex },
                             { QStringLiteral("alreadyProvisioned"), true } }))
                    return stopped();
                return JobStage::Done;
            }
        }
    }
    // A certificate that passes this profile's check but whose key pair shows no public key object before a
    // login (a card that keeps none) is this profile's: the login below and step 5 decide. So is the
    // certificate an unfinished earlier attempt of this key received (the journal has it): its resume goes on
    // as before.
    // Anything else was issued by another CA or for another profile, or no longer passes (expired, too
    // short).
    QJsonArray foreign;
    bool thisProfiles = false;
    for (const auto &cert : *held) {
        const CertFacts facts = certFacts(cert.der);
        const auto alone = verifyFor(*m_context, m_token.serial, cert.der, facts.publicKeyInfo);
        const bool resumedHere = (resume.stage == KeyResumeState::Stage::CertificateIssued
                                  || resume.stage == KeyResumeState::Stage::CertificateWritten)
            && (cert.der == resume.certDer || run.tornWrite(cert));
        if (alone || resumedHere) {
            thisProfiles = true;
            continue;
        }
        foreign.append(
            QJsonObject { { QStringLiteral("keyId"), hex(cert.id) },
                          { QStringLiteral("subject"), facts.subject },
                          { QStringLiteral("issuer"), facts.issuer },
                          { QStringLiteral("certSerial"), facts.serialHex },
                          { QStringLiteral("reason"), ca::CaError::codeName(alone.error().code) } });
    }
    if (!foreign.isEmpty() && !thisProfiles && !ctx.force) {
        const QJsonObject first = foreign.first().toObject();
        return failed(
            JobError::Kind::ForeignCertificate,
            tr("Key %1 already holds a certificate this profile did not issue (%2, issued by %3; "
               "check result: %4). It was left as it is, without a login. Check that this is the "
               "right profile for these keys; to add this profile's certificate next to it, provision "
               "the key again with --force.")
                .arg(serial, first.value(QStringLiteral("subject")).toString(),
                     first.value(QStringLiteral("issuer")).toString(),
                     first.value(QStringLiteral("reason")).toString()),
            { { QStringLiteral("loggedIn"), false }, { QStringLiteral("certificates"), foreign } });
    }

    QString pinError;
    run.pin = loginPin(&pinError);
    const QByteArray &pin = run.pin;
    if (pin.isEmpty())
        return failed(JobError::Kind::PinUnavailable, pinError);
    device::LoginPolicy policy;
    policy.refuseWhenCountLow = profile.pin.minRetriesLeft > 1;
    if (auto login = session->login(pin, policy); !login)
        return failedDevice(login.error());
    QJsonObject loginDetail { { QStringLiteral("loggedIn"), true } };
    if (!foreign.isEmpty()) // forced, or next to this profile's own: journaled, never touched
        loginDetail.insert(QStringLiteral("foreignCertificates"), foreign);
    if (!leave(loginDetail))
        return stopped();
    return JobStage::FindKeyPair;
}

// FindKeyPair (step 5): a key this profile already provisioned is done; otherwise the pair to certify: the
// one an earlier attempt left (the journal's resume stage, confirmed on the key), a trusted free one, or none
// (generate one).
JobStage ProvisioningJob::findKeyPair()
{
    const ProvisioningContext &ctx = *m_context;
    const Profile &profile = ctx.profile;
    Run &run = *m_run;
    const KeyResumeState &resume = run.resume;
    const auto &session = run.session;
    if (!enter(JobStage::FindKeyPair, profile.timeouts.login,
               { { QStringLiteral("resumeStage"), resumeStageName(resume.stage) } }))
        return stopped();
    auto pairs = session->keyPairs();
    if (!pairs)
        return failedDevice(pairs.error());
    auto certs = session->certificates();
    if (!certs)
        return failedDevice(certs.error());

    auto certFor = [&](const QByteArray &id) -> const device::CertificateObject * {
        for (const auto &c : *certs)
            if (c.id == id)
                return &c;
        return nullptr;
    };

    if (!ctx.force) {
        for (const auto &pair : *pairs) {
            const auto *cert = certFor(pair.id);
            if (!cert || pair.publicKey.isEmpty()
                || !verifyFor(*m_context, m_token.serial, cert->der, pair.publicKey))
                continue;
            const CertFacts facts = certFacts(cert->der);
            note([&](JobResult &r) {
                r.alreadyProvisioned = true;
                r.keyIdHex = hex(pair.id);
                r.certDer = cert->der;
                r.certSerialHex = facts.serialHex;
                r.certNotAfter = facts.notAfter;
            });
            if (!leave({ { QStringLiteral("keyId"), hex(pair.id) },
                         { QStringLiteral("alreadyProvisioned"), true } }))
                return stopped();
            return JobStage::Done;
        }
    }

    const device::KeyAlgorithm algorithm = profile.keyAlgorithm;
    std::optional<device::KeyPairInfo> chosen;
    QByteArray issued; // a certificate an earlier attempt received and did not write
    // Key provenance: a pair already on the key is certified only when this station generated it (the
    // journal says so) or, with reuseKeyPairs "generatedOnKey", the key says it generated the private key and
    // it never left (CKA_LOCAL & co.). Anything else (an imported pair, whose private key someone may know)
    // is left alone and a new pair is generated. A CKA_ID on two private keys is never trusted: which of
    // them signs is the module's choice.
    const bool reuseGeneratedOnKey = profile.reuseKeyPairs == Profile::ReuseKeyPairs::GeneratedOnKey;
    QString origin = QStringLiteral("generated");
    QJsonArray notReused; // pairs on the key not taken, and why
    auto refuse = [&](const device::KeyPairInfo &pair, const QString &why) {
        notReused.append(
            QJsonObject { { QStringLiteral("keyId"), hex(pair.id) }, { QStringLiteral("reason"), why } });
    };
    // SCEP opens the CA's answer with C_Decrypt on the key pair (docs/flow.md): a pair whose private key may
    // not decrypt cannot take part, however it was made.
    const bool scep = run.scep;
    auto untrusted = [&](const device::KeyPairInfo &pair, bool generatedHere) -> QString {
        if (pair.idShared)
            return QStringLiteral("another private key has the same CKA_ID");
        if (scep && pair.decrypt != true)
            return QStringLiteral("its private key may not decrypt (CKA_DECRYPT %1), which SCEP needs")
                .arg(pair.decrypt ? QStringLiteral("false") : QStringLiteral("not reported"));
        if (generatedHere || (reuseGeneratedOnKey && pair.generatedOnKey()))
            return {};
        if (!reuseGeneratedOnKey)
            return QStringLiteral("not generated by this station (reuseKeyPairs: never)");
        return QStringLiteral("not generated on the key: ")
            + pair.notGeneratedOnKeyReasons().join(QStringLiteral(", "));
    };
    // A finished attempt leaves nothing to resume (a forced run gets a new key pair and certificate).
    const bool resumable
        = resume.stage != KeyResumeState::Stage::Done && resume.stage != KeyResumeState::Stage::Unknown;
    const QByteArray resumeId = resumable ? QByteArray::fromHex(resume.keyIdHex.toLatin1()) : QByteArray();
    if (!resumeId.isEmpty()) {
        for (const auto &pair : *pairs) {
            if (pair.id != resumeId || pair.publicKey.isEmpty())
                continue;
            const auto *onKey = certFor(pair.id);
            const bool issuedEarlier = !resume.certDer.isEmpty();
            const bool torn = onKey && run.tornWrite(*onKey);
            if (onKey && !(issuedEarlier && onKey->der == resume.certDer) && !torn)
                break; // certified by someone else since: not ours to reuse
            if (const QString why = untrusted(pair, resume.keyPairGeneratedHere); !why.isEmpty()) {
                refuse(pair, why);
                break;
            }
            chosen = pair;
            origin = QStringLiteral("resumed");
            run.replaceTornCertificate = torn;
            note([](JobResult &r) { r.resumed = true; });
            if (issuedEarlier)
                issued = resume.certDer;
            break;
        }
    }
    if (!chosen) {
        for (const auto &pair : *pairs) {
            if (pair.id.isEmpty() || pair.id == resumeId || certFor(pair.id) || pair.publicKey.isEmpty()
                || !pairMatches(pair, algorithm))
                continue;
            if (const QString why = untrusted(pair, false); !why.isEmpty()) {
                refuse(pair, why);
                continue;
            }
            chosen = pair;
            origin = QStringLiteral("reusedGeneratedOnKey");
            break;
        }
    }
    const bool resumedPair = !resumeId.isEmpty() && chosen && chosen->id == resumeId;
    QJsonObject choice { { QStringLiteral("keyId"), chosen ? hex(chosen->id) : QString() },
                         { QStringLiteral("reused"), chosen.has_value() },
                         { QStringLiteral("resumed"), resumedPair },
                         { QStringLiteral("keyPairOrigin"), origin } };
    if (!notReused.isEmpty())
        choice.insert(QStringLiteral("notReused"), notReused);
    if (!leave(choice))
        return stopped();
    run.certificates = *certs;
    run.chosen = chosen;
    run.certificate = issued;
    return chosen ? JobStage::ReadIdentity : JobStage::GenerateKeyPair;
}

// GenerateKeyPair (step 6): on the key, under an id journaled first.
JobStage ProvisioningJob::generateKeyPair()
{
    const Profile &profile = m_context->profile;
    Run &run = *m_run;
    {
        QByteArray id(16, '\0');
        RAND_bytes(reinterpret_cast<unsigned char *>(id.data()), static_cast<int>(id.size()));
        // The id is journaled before the chip starts: after a crash mid-generation, resume looks for it.
        if (!enter(JobStage::GenerateKeyPair, profile.timeouts.keyGeneration,
                   { { QStringLiteral("keyId"), hex(id) },
                     { QStringLiteral("algorithm"), Profile::algorithmName(profile.keyAlgorithm) } }))
            return stopped();
        auto generated = run.session->generateKeyPair(profile.keyAlgorithm,
                                                      QStringLiteral("KeyStation ") + profile.name, id);
        if (!generated)
            return failedDevice(generated.error());
        run.chosen = *generated;
        note([](JobResult &r) { r.generatedKey = true; });
        if (!leave({ { QStringLiteral("keyId"), hex(run.chosen->id) } }))
            return stopped();
    }
    return JobStage::ReadIdentity;
}

// ReadIdentity (step 7): the key in the slot is still the one this job started with. An earlier attempt's
// certificate goes on to the check; without one (or when it no longer passes), a request is made.
JobStage ProvisioningJob::readIdentity()
{
    const Profile &profile = m_context->profile;
    Run &run = *m_run;
    run.keyIdHex = hex(run.chosen->id);
    note([&](JobResult &r) { r.keyIdHex = run.keyIdHex; });
    if (!enter(JobStage::ReadIdentity, profile.timeouts.login))
        return stopped();
    auto identity = run.session->refreshTokenInfo();
    if (!identity)
        return failedDevice(identity.error());
    if (identity->serial != m_token.serial)
        return failed(JobError::Kind::KeySwapped,
                      tr("The key in this slot changed to %1.").arg(identity->serial));
    if (!leave({ { QStringLiteral("serial"), identity->serial },
                 { QStringLiteral("model"), identity->model },
                 { QStringLiteral("manufacturer"), identity->manufacturer } }))
        return stopped();
    if (!run.certificate.isEmpty()) {
        // An earlier attempt's certificate is only worth writing if it passes the check today; one the check
        // refused (or that expired since) is dropped and the key enrols again with the same key pair.
        if (auto check = verifyFor(*m_context, m_token.serial, run.certificate, run.chosen->publicKey);
            !check) {
            run.discarded = ca::CaError::codeName(check.error().code);
            run.certificate.clear();
        }
    }
    return run.certificate.isEmpty() ? JobStage::CreateCsr : JobStage::VerifyCertificate;
}

// CreateCsr (step 8): the request, signed on the key (SCEP: with its self-signed signer certificate).
JobStage ProvisioningJob::createCsr()
{
    const ProvisioningContext &ctx = *m_context;
    const Profile &profile = ctx.profile;
    const QString &serial = m_token.serial;
    Run &run = *m_run;
    const bool scep = run.scep;
    const QString &keyIdHex = run.keyIdHex;
    QJsonObject csrDetail { { QStringLiteral("keyId"), keyIdHex } };
    if (!run.discarded.isEmpty())
        csrDetail.insert(QStringLiteral("discardedEarlierCertificate"), run.discarded);
    if (!enter(JobStage::CreateCsr, profile.timeouts.csr, csrDetail))
        return stopped();
    device::CsrRequest request;
    auto add = [&](const char *field, const QString &templ) {
        const QString value = profile.expand(templ, serial);
        if (!value.isEmpty())
            request.subject.append({ QLatin1String(field), value });
    };
    add("C", profile.subject.country);
    add("O", profile.subject.organization);
    add("OU", profile.subject.organizationalUnit);
    add("serialNumber", profile.subject.serialNumber);
    add("CN", profile.subject.commonName);
    request.keyUsage = profile.keyUsage;
    for (const QString &name : profile.extendedKeyUsage) // OIDs: OpenSSL has no name for smartcardLogon
        request.extendedKeyUsage << Profile::extendedKeyUsageOid(name);
    // SCEP (RFC 8894 §2.2, §2.3): the request carries the CA's challenge password and is built here,
    // signed on the key over its digest only; the signer certificate is self-signed on the key.
    std::shared_ptr<TokenScepKey> scepKey;
    if (scep)
        request.challengePassword = ctx.ca->settings().challengePassword;
    auto csr = scep ? TokenScepKey::signRequest(*run.session, *run.chosen, request, serial)
                    : run.session->signCsr(run.chosen->id, request);
    if (!csr)
        return failedDevice(csr.error());
    QJsonObject csrDone { { QStringLiteral("csrSha256"),
                            QString::fromLatin1(
                                QCryptographicHash::hash(*csr, QCryptographicHash::Sha256).toHex()) } };
    if (scep) {
        device::CsrRequest signer;
        signer.subject = request.subject;
        signer.keyUsage = { QStringLiteral("digitalSignature"), QStringLiteral("keyEncipherment") };
        auto key = TokenScepKey::create(run.session, run.chosen->id, serial, signer);
        if (!key)
            return failedDevice(key.error());
        scepKey = *key;
        csrDone.insert(QStringLiteral("scepSignerCertificateSha256"),
                       QString::fromLatin1(QCryptographicHash::hash(scepKey->signerCertificateDer(),
                                                                    QCryptographicHash::Sha256)
                                               .toHex()));
    }
    run.csr = *csr;
    run.scepKey = scepKey;
    if (!leave(csrDone))
        return stopped();
    return JobStage::Enrol;
}

// Enrol (step 9): the CA. The thread sleeps until the request completes, the job is cancelled or the
// watchdog stops it (Waker), never polling.
JobStage ProvisioningJob::enrol()
{
    const ProvisioningContext &ctx = *m_context;
    const Profile &profile = ctx.profile;
    const QString &serial = m_token.serial;
    Run &run = *m_run;
    const QString &keyIdHex = run.keyIdHex;
    const std::shared_ptr<TokenScepKey> scepKey = run.scepKey;
    if (!enter(JobStage::Enrol, profile.timeouts.enrol + kEnrolGrace,
               { { QStringLiteral("keyId"), keyIdHex } }))
        return stopped();
    note([](JobResult &r) { r.enrolled = true; });
    QFuture<ca::Result<ca::IssuedCertificate>> future;
    {
        // Under the lock: once abandon() returns, no job calls into a CA client that may be gone.
        std::lock_guard lock(m_mutex);
        if (m_finished) // stopped meanwhile (stopped() would take the lock again)
            return isFinal(m_stage.load()) ? m_stage.load() : JobStage::Failed;
        ca::EnrollmentRequest enrolment;
        enrolment.csrDer = run.csr;
        enrolment.serial = serial;
        enrolment.requesterKey = scepKey; // SCEP only: signs the message, opens the answer
        future = ctx.ca->enroll(enrolment);
    }
    // Meanwhile the SCEP client may use the session from its pool thread (TokenScepKey); this thread
    // does not touch it until release(), which waits for a call in progress. On every way out.
    struct ReleaseScepKey
    {
        std::shared_ptr<TokenScepKey> key;
        ~ReleaseScepKey()
        {
            if (key)
                key->release();
        }
    } releaseScepKey { scepKey };
    run.scepKey.reset(); // this step's to release; the run does not keep it
    // Woken by the request's end (finished or canceled) and by cancel(), expire() and abandon().
    const std::shared_ptr<Waker> waker = m_waker;
    future
        .then(QtFuture::Launch::Sync,
              [waker](const QFuture<ca::Result<ca::IssuedCertificate>> &) { waker->wake(); })
        .onCanceled([waker] { waker->wake(); });
    for (;;) {
        if (future.isFinished())
            break;
        if (m_cancel || finished()) {
            future.cancel();
            if (scepKey)
                scepKey->release();
            cancelled();
            return stopped();
        }
        waker->wait();
    }
    if (scepKey)
        scepKey->release();
    if (future.isCanceled() || future.resultCount() == 0)
        return failed(JobError::Kind::Cancelled, tr("The enrolment was cancelled."));
    const auto answer = future.result();
    if (!answer) {
        const auto &e = answer.error();
        // The key failed under the SCEP client (pulled, its worker gone): reported as the device's error.
        if (scepKey && e.code == ca::CaError::Code::RequesterKey) {
            if (auto device = scepKey->lastDeviceError())
                return failedDevice(*device);
        }
        QJsonObject detail { { QStringLiteral("operation"), e.operation } };
        if (e.httpStatus)
            detail.insert(QStringLiteral("httpStatus"), e.httpStatus);
        if (!e.serverMessage.isEmpty())
            detail.insert(QStringLiteral("server"), e.serverMessage);
        return failed(JobError::fromCa(e), e.toString(), detail);
    }
    run.certificate = answer->certificateDer;
    run.caChain = answer->extraCertificatesDer;
    const QByteArray &certificate = run.certificate;
    const CertFacts facts = certFacts(certificate);
    if (!leave({ { QStringLiteral("keyId"), keyIdHex },
                 { QStringLiteral("certDer"), QString::fromLatin1(certificate.toBase64()) },
                 { QStringLiteral("certSerial"), facts.serialHex },
                 { QStringLiteral("certNotAfter"),
                   facts.notAfter.isValid() ? facts.notAfter.toMSecsSinceEpoch() : 0 } }))
        return stopped();
    return JobStage::VerifyCertificate;
}

// VerifyCertificate (step 10): nothing unverified reaches the key.
JobStage ProvisioningJob::verifyCertificate()
{
    const Profile &profile = m_context->profile;
    Run &run = *m_run;
    const QByteArray &certificate = run.certificate;
    if (!enter(JobStage::VerifyCertificate, profile.timeouts.login))
        return stopped();
    auto verified = verifyFor(*m_context, m_token.serial, certificate, run.chosen->publicKey, run.caChain);
    if (!verified)
        return failed(JobError::fromCertificateCheck(verified.error()), verified.error().toString());
    const CertFacts facts = certFacts(certificate);
    note([&](JobResult &r) {
        r.certDer = certificate;
        r.certSerialHex = facts.serialHex;
        r.certNotAfter = facts.notAfter;
    });
    if (!leave({ { QStringLiteral("certSerial"), facts.serialHex },
                 { QStringLiteral("subject"), verified->subject } }))
        return stopped();
    return run.certificateOnKey(run.chosen->id) && !run.replaceTornCertificate ? JobStage::ReadBack
                                                                               : JobStage::WriteCertificate;
}

// WriteCertificate (step 11): to the key pair it names.
JobStage ProvisioningJob::writeCertificate()
{
    const Profile &profile = m_context->profile;
    Run &run = *m_run;
    QJsonObject detail { { QStringLiteral("keyId"), run.keyIdHex } };
    if (run.replaceTornCertificate)
        detail.insert(QStringLiteral("replacesTornCertificate"), true);
    if (!enter(JobStage::WriteCertificate, profile.timeouts.write, detail))
        return stopped();
    // The object an interrupted write left under this CKA_ID goes first: a key pair holds one certificate.
    if (run.replaceTornCertificate) {
        if (auto removed = run.session->deleteCertificate(run.chosen->id); !removed)
            return failedDevice(removed.error());
    }
    auto written = run.session->writeCertificate(run.chosen->id, run.certificate,
                                                 QStringLiteral("KeyStation ") + profile.name);
    if (!written)
        return failedDevice(written.error());
    if (!leave({ { QStringLiteral("keyId"), run.keyIdHex } }))
        return stopped();
    return JobStage::ReadBack;
}

// ReadBack (step 11): what the key holds is what was written; then the final user PIN, if the profile sets
// one.
JobStage ProvisioningJob::readBack()
{
    const ProvisioningContext &ctx = *m_context;
    Run &run = *m_run;
    if (!enter(JobStage::ReadBack, ctx.profile.timeouts.readBack))
        return stopped();
    auto stored = run.session->certificates();
    if (!stored)
        return failedDevice(stored.error());
    bool found = false;
    for (const auto &c : *stored)
        found = found || (c.id == run.chosen->id && c.der == run.certificate);
    if (!found)
        return failed(JobError::Kind::ReadBackMismatch,
                      tr("The certificate read back from the key is not the one written."));
    if (!leave({ { QStringLiteral("keyId"), run.keyIdHex } }))
        return stopped();
    return ctx.secrets->finalUserPin.isEmpty() ? JobStage::Done : JobStage::SetUserPin;
}

// SetUserPin (optional): the key is handed over with its final user PIN.
JobStage ProvisioningJob::setUserPin()
{
    const ProvisioningContext &ctx = *m_context;
    Run &run = *m_run;
    if (!enter(JobStage::SetUserPin, ctx.profile.timeouts.login))
        return stopped();
    if (auto changed = run.session->changePin(run.pin, ctx.secrets->finalUserPin); !changed)
        return failedDevice(changed.error());
    if (!leave())
        return stopped();
    return JobStage::Done;
}

JobStage ProvisioningJob::failed(const JobError &error, const QString &message, const QJsonObject &detail)
{
    fail(error, message, detail);
    return stopped();
}

JobStage ProvisioningJob::failedDevice(const device::DeviceError &error)
{
    failDevice(error);
    return stopped();
}

ProvisioningSecrets::~ProvisioningSecrets()
{
    wipe(transportPin);
    wipe(stationSecret);
    wipe(finalUserPin);
}

} // namespace ks::core
