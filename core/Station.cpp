#include "core/Station.h"

#include "ca_client/EnrollmentClient.h"
#include "ca_client/EnrollmentClientFactory.h"
#include "core/BadgeLogin.h"
#include "core/Journal.h"
#include "core/Log.h"
#include "core/PinDerivation.h"
#include "core/ProfileLoader.h"
#include "core/SecureBytes.h"
#include "core/secrets/SecretFile.h"
#include "device/Pkcs11Module.h"
#include "device/TokenWatcher.h"
#include "device/worker/WorkerSession.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMutexLocker>
#include <QPromise>
#include <QSslCertificate>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace ks::core {

namespace {

// The first line, trimmed; refused when the file is not owner-only (core/secrets/SecretFile.h).
Result<QByteArray> readSecretFile(const QString &path, const QString &field)
{
    QByteArray line;
    QString error;
    if (!SecretFile::readLine(path, line, error, SecretFile::Line::Trimmed))
        return CoreError::make(CoreError::Code::Io, error, field);
    return line;
}

// "File not found" for a file the profile names, rather than what parsing nothing later would say.
Status fileNotFound(const QString &path, const QString &field)
{
    if (QFileInfo(path).isFile())
        return {};
    return CoreError::make(CoreError::Code::ProfileInvalidValue,
                           QFileInfo::exists(path) ? Station::tr("%1: %2 is not a file.").arg(field, path)
                                                   : Station::tr("%1: file not found: %2").arg(field, path),
                           field);
}

quint32 keyUsageBits(const QStringList &words)
{
    quint32 bits = 0;
    for (const auto &w : words) {
        if (w == QStringLiteral("digitalSignature"))
            bits |= ca::CertificatePolicy::DigitalSignature;
        else if (w == QStringLiteral("nonRepudiation"))
            bits |= ca::CertificatePolicy::NonRepudiation;
        else if (w == QStringLiteral("keyEncipherment"))
            bits |= ca::CertificatePolicy::KeyEncipherment;
        else if (w == QStringLiteral("dataEncipherment"))
            bits |= ca::CertificatePolicy::DataEncipherment;
        else if (w == QStringLiteral("keyAgreement"))
            bits |= ca::CertificatePolicy::KeyAgreement;
    }
    return bits;
}

// "ca.example:8888" for the words on the bench; the whole URL goes into the detail.
QString caPlace(const QUrl &url)
{
    const QString host = url.host();
    if (host.isEmpty())
        return url.toString();
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(host).arg(url.port()) : host;
}

// The CA's failure in plain words, by kind: what an operator can tell a supervisor.
QString caDownText(const ca::CaError &e, const QString &place)
{
    using Code = ca::CaError::Code;
    switch (e.code) {
    case Code::Network:
    case Code::Truncated:
    case Code::Cancelled:
        return Station::tr("The CA at %1 does not answer").arg(place);
    case Code::Timeout:
        return Station::tr("The CA at %1 answers too slowly").arg(place);
    case Code::Tls:
    case Code::PinMismatch:
    case Code::CaCertificateMismatch:
        return Station::tr("The CA at %1 is not the CA this station trusts").arg(place);
    case Code::Unauthorized:
        return Station::tr("The CA at %1 refuses this station's credentials").arg(place);
    case Code::Configuration:
        return Station::tr("The CA settings of this station are not usable");
    case Code::HttpStatus:
        if (e.httpStatus >= 500)
            return Station::tr("The CA at %1 has a fault (HTTP %2)").arg(place).arg(e.httpStatus);
        break;
    default:
        break;
    }
    return Station::tr("The CA at %1 answers in a way this station does not understand").arg(place);
}

QStringList ekuOids(const QStringList &names)
{
    QStringList oids;
    for (const auto &n : names)
        oids << Profile::extendedKeyUsageOid(n);
    return oids;
}

} // namespace

Station::Station(QObject *parent)
    : QObject(parent)
{ }

Station::~Station()
{
    delete m_runner; // detaches running jobs before the CA client and journal go away
    m_runner = nullptr;
    if (m_watcher)
        m_watcher->stop();
}

QString Station::defaultWorkerPath()
{
    return device::defaultWorkerPath();
}

Result<std::unique_ptr<Station>> Station::create(const StationConfig &config, QObject *parent)
{
    std::unique_ptr<Station> station(new Station(parent));
    auto profile = ProfileLoader::loadFile(config.profilePath);
    if (!profile)
        return profile.error();
    station->m_profile = *profile;
    const Profile &p = station->m_profile;

    // Secrets, read once and wiped with the station.
    auto secrets = std::make_shared<ProvisioningSecrets>();
    if (p.pin.source == Profile::PinSource::Transport) {
        if (!p.pin.file.isEmpty()) {
            auto pin = readSecretFile(p.pin.file, QStringLiteral("pin.file"));
            if (!pin)
                return pin.error();
            secrets->transportPin = *pin;
        } else if (!p.pin.env.isEmpty()) {
            secrets->transportPin = qgetenv(p.pin.env.toLocal8Bit().constData());
        }
        if (secrets->transportPin.isEmpty())
            return CoreError::make(CoreError::Code::ProfileMissingField,
                                   tr("The profile's transport PIN is empty."), QStringLiteral("pin"));
    } else {
        auto secret = PinDerivation::loadStationSecret(p.pin.secretFile);
        if (!secret)
            return secret.error();
        secrets->stationSecret = *secret;
    }
    if (!p.finalUserPinFile.isEmpty()) {
        auto pin = readSecretFile(p.finalUserPinFile, QStringLiteral("finalUserPinFile"));
        if (!pin)
            return pin.error();
        secrets->finalUserPin = *pin;
    }
    station->m_secrets = secrets;

    if (!config.workerPath.isEmpty()) {
        const QFileInfo worker(config.workerPath);
        if (!worker.isFile() || !worker.isExecutable())
            return CoreError::make(CoreError::Code::Io,
                                   tr("The token worker program %1 is missing or not executable (reinstall "
                                      "KeyStation, or set KEYSTATION_TOKEN_WORKER).")
                                       .arg(config.workerPath),
                                   QStringLiteral("worker"));
        station->m_workerPath = config.workerPath;
    }

    // Trust anchors the issued certificates must chain to. Errors name the field as the profile spells it.
    if (auto missing = fileNotFound(p.ca.trustAnchorFile, QStringLiteral("ca.trustAnchorFile")); !missing)
        return missing.error();
    for (const auto &cert : QSslCertificate::fromPath(p.ca.trustAnchorFile, QSsl::Pem))
        station->m_anchors << cert.toDer();
    if (station->m_anchors.isEmpty())
        return CoreError::make(CoreError::Code::ProfileInvalidValue,
                               tr("No PEM certificate in %1.").arg(p.ca.trustAnchorFile),
                               QStringLiteral("ca.trustAnchorFile"));
    // Issuing CAs the profile names, for the path from a leaf to the anchor (as untrusted as the CA's own).
    for (const QString &file : p.ca.intermediateFiles) {
        if (auto missing = fileNotFound(file, QStringLiteral("ca.intermediateFiles")); !missing)
            return missing.error();
        const auto certs = QSslCertificate::fromPath(file, QSsl::Pem);
        if (certs.isEmpty())
            return CoreError::make(CoreError::Code::ProfileInvalidValue,
                                   tr("No PEM certificate in %1.").arg(file),
                                   QStringLiteral("ca.intermediateFiles"));
        for (const auto &cert : certs)
            station->m_profileIntermediates << cert.toDer();
    }

    // The CA client.
    ca::CaSettings settings;
    settings.protocol = p.ca.protocol == Profile::CaProtocol::Est ? ca::CaSettings::Protocol::Est
        : p.ca.protocol == Profile::CaProtocol::Scep              ? ca::CaSettings::Protocol::Scep
                                                                  : ca::CaSettings::Protocol::Cfssl;
    settings.baseUrl = QUrl(p.ca.url);
    settings.label = p.ca.label;
    settings.profile = p.ca.profile;
    settings.trustAnchorFile = p.ca.trustAnchorFile;
    settings.clientCertFile = p.ca.clientCertFile;
    settings.clientKeyFile = p.ca.clientKeyFile;
    settings.requestTimeout = std::chrono::duration_cast<std::chrono::milliseconds>(p.timeouts.enrol);
    // SCEP: one request in flight per CA. Debian's scepserver 2.1.0 answered some of several PKCSReqs sent at
    // the same moment with FAILURE badRequest (seen under AddressSanitizer's slowness; docs/ca-client.md);
    // the keys still run in parallel, only their CA exchanges (milliseconds each) queue.
    settings.maxConcurrent
        = p.ca.protocol == Profile::CaProtocol::Scep ? 1 : qBound(1, p.maxParallelKeys, 16);
    if (!p.ca.tlsPinSha256.isEmpty()) {
        auto pin = ca::CaSettings::parsePin(p.ca.tlsPinSha256);
        if (!pin)
            return CoreError::make(CoreError::Code::ProfileInvalidValue, pin.error().message,
                                   QStringLiteral("ca.tlsPinSha256"));
        settings.pinnedSpkiSha256 = *pin;
    }
    if (!p.ca.caCertificateSha256.isEmpty()) // SCEP: the loader checked 64 hex digits
        settings.caCertificateSha256 = QByteArray::fromHex(p.ca.caCertificateSha256.toLatin1());
    if (!p.ca.challengePasswordFile.isEmpty()) {
        // Kept by the client for its lifetime, like the HMAC key below; it goes into each SCEP request's
        // CSR, which travels encrypted to the CA (RFC 8894 §3.2.1). Never logged or journaled.
        auto challenge
            = readSecretFile(p.ca.challengePasswordFile, QStringLiteral("ca.challengePasswordFile"));
        if (!challenge)
            return challenge.error();
        settings.challengePassword = *challenge;
    }
    if (!p.ca.authKeyFile.isEmpty()) {
        auto key = readSecretFile(p.ca.authKeyFile, QStringLiteral("ca.authKeyFile"));
        if (!key)
            return key.error();
        settings.hmacKeyHex = *key;
    }
    if (!p.ca.usernameFile.isEmpty()) {
        auto user = readSecretFile(p.ca.usernameFile, QStringLiteral("ca.usernameFile"));
        auto password = readSecretFile(p.ca.passwordFile, QStringLiteral("ca.passwordFile"));
        if (!user)
            return user.error();
        if (!password)
            return password.error();
        settings.basicUser = QString::fromUtf8(*user);
        settings.basicPassword = QString::fromUtf8(*password);
        wipe(*password);
    }
    // The client keeps the HMAC key and the password (shared with `settings`) for its lifetime: a wipe here
    // would reach the client's copy too (core/SecureBytes.h).
    auto client = ca::EnrollmentClientFactory::create(settings);
    if (!client)
        return CoreError::make(CoreError::Code::ProfileInvalidValue, client.error().toString(),
                               QStringLiteral("ca"));
    station->m_ca = std::move(*client);

    auto journal = Journal::open(config.journal);
    if (!journal)
        return journal.error();
    station->m_journal = std::move(*journal);
    station->m_operators = std::make_unique<OperatorStore>(*station->m_journal);
    // Attempts this station left running were left by a process that died: shown as interrupted from now on
    // (their keys still resume where they stopped), and their batches end.
    if (auto interrupted = station->m_journal->markInterrupted(); !interrupted)
        return interrupted.error();

    auto module = device::Pkcs11Module::load(config.modulePath);
    if (!module)
        return CoreError::make(CoreError::Code::InvalidArgument, module.error().toString(),
                               QStringLiteral("module"));
    station->m_module = *module;
    station->m_watcher = std::make_unique<device::TokenWatcher>(station->m_module);
    station->m_watcher->setPollInterval(config.pollIntervalMs);
    station->m_runner = new BatchRunner;

    Station *raw = station.get();
    qRegisterMetaType<ks::core::KeyInfo>();
    connect(station->m_watcher.get(), &device::TokenWatcher::tokenAdded, raw,
            [raw](const device::TokenInfo &t) {
                raw->updateKeys(t, true);
                Q_EMIT raw->keyAdded(KeyInfo::fromToken(t));
                if (raw->m_runner->isActive() && raw->m_runner->isContinuous())
                    raw->m_runner->addKey(t);
            });
    connect(station->m_watcher.get(), &device::TokenWatcher::tokenChanged, raw,
            [raw](const device::TokenInfo &t) {
                raw->updateKeys(t, true);
                Q_EMIT raw->keyChanged(KeyInfo::fromToken(t));
            });
    connect(station->m_watcher.get(), &device::TokenWatcher::tokenRemoved, raw,
            [raw](const device::TokenInfo &t) {
                raw->updateKeys(t, false);
                raw->m_runner->removeKey(t);
                Q_EMIT raw->keyRemoved(KeyInfo::fromToken(t));
            });
    BatchRunner *runner = station->m_runner;
    qRegisterMetaType<ks::core::CaStatus>();
    // What a bench opened during the batch shows (batchSnapshot), kept before the signals go out.
    connect(runner, &BatchRunner::keyQueued, raw,
            [raw](const QString &serial) { raw->noteBatchKey(serial, JobStage::Queued, nullptr); });
    connect(runner, &BatchRunner::keyProgress, raw,
            [raw](const QString &serial, JobStage stage) { raw->noteBatchKey(serial, stage, nullptr); });
    connect(runner, &BatchRunner::keyFinished, raw, [raw](const JobResult &result) {
        raw->noteBatchKey(result.serial, result.outcome, &result);
        // A key that failed because the CA was away waits for it (while the CA is checked: the GUI), the CA
        // is checked at once, and the batch stays open for the retry (Cancel all still ends it).
        if (result.outcome == JobStage::Failed && isCaAway(result.error) && raw->m_caTimer
            && raw->m_caRetries.value(result.serial) < kMaxCaRetries) {
            raw->m_caWaiting.insert(result.serial);
            raw->scheduleCaProbe(0);
        } else {
            raw->m_caWaiting.remove(result.serial);
        }
        raw->m_runner->setHeld(!raw->m_caWaiting.isEmpty());
        raw->publishKeysWaiting();
    });
    connect(runner, &BatchRunner::keyQueued, raw, &Station::keyQueued);
    connect(runner, &BatchRunner::keyProgress, raw, &Station::keyProgress);
    connect(runner, &BatchRunner::keyFinished, raw, &Station::keyFinished);
    // The flags first: a front end that hears batchFinished sees the batch over.
    connect(runner, &BatchRunner::batchFinished, raw, [raw](const BatchSummary &summary) {
        raw->m_batchActive = raw->m_runner->isActive();
        raw->m_batchContinuous = raw->m_runner->isContinuous();
        Q_EMIT raw->batchFinished(summary);
    });
    station->m_watcher->start();
    return station;
}

void Station::updateKeys(const device::TokenInfo &token, bool present)
{
    QMutexLocker lock(&m_keysMutex);
    if (present)
        m_keys.insert(token.key(), KeyInfo::fromToken(token));
    else
        m_keys.remove(token.key());
}

QList<KeyInfo> Station::keys() const
{
    QMutexLocker lock(&m_keysMutex);
    return m_keys.values();
}

QStringList Station::portOrder() const
{
    QMutexLocker lock(&m_keysMutex);
    return m_portOrder;
}

void Station::setPortOrder(const QStringList &ports)
{
    QMutexLocker lock(&m_keysMutex);
    m_portOrder = ports;
}

QList<BatchKeyState> Station::batchSnapshot() const
{
    QMutexLocker lock(&m_keysMutex);
    QList<BatchKeyState> states;
    states.reserve(m_batchOrder.size());
    for (const QString &serial : m_batchOrder)
        states << m_batchKeys.value(serial);
    return states;
}

void Station::noteBatchKey(const QString &serial, JobStage stage, const JobResult *result)
{
    QMutexLocker lock(&m_keysMutex);
    if (!m_batchKeys.contains(serial))
        m_batchOrder << serial;
    BatchKeyState &state = m_batchKeys[serial];
    state.serial = serial;
    state.stage = stage;
    state.finished = result != nullptr;
    state.result = result ? *result : JobResult();
    state.result.certDer.clear(); // the tile needs neither; a continuous batch runs all day
    state.result.steps.clear();
}

CaStatus Station::caStatus() const
{
    QMutexLocker lock(&m_keysMutex);
    return m_caStatus;
}

bool Station::isCaAway(const JobError &error)
{
    if (error.kind != JobError::Kind::Ca || !error.ca)
        return false;
    using Code = ca::CaError::Code;
    switch (error.ca->code) {
    case Code::Network:
    case Code::Timeout:
    case Code::Truncated:
        return true;
    case Code::HttpStatus:
        return error.ca->httpStatus == 502 || error.ca->httpStatus == 503 || error.ca->httpStatus == 504;
    default:
        return false;
    }
}

void Station::startCaMonitor(int upIntervalMs, int downIntervalMs)
{
    QMetaObject::invokeMethod(
        this,
        [this, upIntervalMs, downIntervalMs] {
            m_caUpMs = qMax(50, upIntervalMs);
            m_caDownMs = qMax(50, downIntervalMs);
            if (!m_caTimer) {
                m_caTimer = new QTimer(this); // the station's thread
                m_caTimer->setSingleShot(true);
                connect(m_caTimer, &QTimer::timeout, this, &Station::probeCa);
            }
            scheduleCaProbe(0);
        },
        Qt::QueuedConnection);
}

void Station::scheduleCaProbe(int delayMs)
{
    if (m_caProbing)
        return; // the answer schedules the next
    m_caTimer->start(delayMs);
}

void Station::probeCa()
{
    if (m_caProbing)
        return;
    m_caProbing = true;
    // The cheapest question each protocol has: cfssl info, EST cacerts, SCEP GetCACert.
    auto *watcher = new QFutureWatcher<ca::Result<QList<QByteArray>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_caProbing = false;
        takeCaStatus(watcher->future(), takeCaCertificates(watcher->future(), true));
        if (m_caTimer)
            m_caTimer->start(m_caStatus.isUp() ? m_caUpMs : m_caDownMs);
    });
    watcher->setFuture(m_ca->fetchCaCertificates());
}

void Station::takeCaStatus(const QFuture<ca::Result<QList<QByteArray>>> &future,
                           const Result<QStringList> &taken)
{
    const QUrl url = m_ca->settings().baseUrl.adjusted(QUrl::RemoveUserInfo); // never a password
    const QString place = caPlace(url);
    CaStatus status;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    status.keysWaiting = waitingKeys();
    if (taken) {
        status.state = CaStatus::State::Up;
        status.text = tr("CA: connected"); // the CA's name is in the detail: the header stays short
        status.detail = tr("%1 (%2) answered; certificates: %3")
                            .arg(url.toString(), m_ca->protocolName(), taken->join(QStringLiteral("; ")));
    } else {
        status.state = CaStatus::State::Down;
        const bool answered = !future.isCanceled() && future.resultCount() > 0 && !future.result();
        status.text = answered ? caDownText(future.result().error(), place)
                               : tr("The CA at %1 does not answer").arg(place);
        status.detail = tr("%1 (%2): %3").arg(url.toString(), m_ca->protocolName(), taken.error().message);
    }
    setCaStatus(status);
}

QStringList Station::waitingKeys() const
{
    QStringList serials(m_caWaiting.cbegin(), m_caWaiting.cend());
    serials.sort();
    return serials;
}

void Station::publishKeysWaiting()
{
    CaStatus status;
    {
        QMutexLocker lock(&m_keysMutex);
        const QStringList waiting = waitingKeys();
        if (m_caStatus.keysWaiting == waiting)
            return;
        m_caStatus.keysWaiting = waiting;
        status = m_caStatus;
    }
    Q_EMIT caStatusChanged(status);
}

void Station::setCaStatus(const CaStatus &status)
{
    bool changed = false;
    {
        QMutexLocker lock(&m_keysMutex);
        changed = !(m_caStatus == status);
        m_caStatus = status;
    }
    if (changed) {
        if (status.isUp())
            qCInfo(lcCore).noquote() << "CA status: up:" << status.text;
        else
            qCWarning(lcCore).noquote() << "CA status: down:" << status.detail;
        Q_EMIT caStatusChanged(status);
    }
    if (status.isUp())
        retryKeysWaitingForCa();
}

void Station::retryKeysWaitingForCa()
{
    if (m_caWaiting.isEmpty())
        return;
    if (!m_runner->isActive()) {
        m_caWaiting.clear(); // the batch was cancelled: Provision all starts them again
        publishKeysWaiting();
        return;
    }
    QSet<QString> present;
    {
        QMutexLocker lock(&m_keysMutex);
        for (const KeyInfo &key : std::as_const(m_keys))
            present.insert(key.serial);
    }
    const QSet<QString> waiting = std::exchange(m_caWaiting, {});
    publishKeysWaiting();
    for (const QString &serial : waiting) {
        int &tries = m_caRetries[serial];
        if (tries >= kMaxCaRetries || !present.contains(serial))
            continue; // the operator's Retry (or re-plugging it in a continuous batch) still works
        ++tries;
        qCInfo(lcCore).noquote()
            << "the CA answers again: key" << serial
            << QStringLiteral("retried by itself (%1 of %2)").arg(tries).arg(kMaxCaRetries);
        Q_EMIT keyAutoRetried(serial, tries);
        m_runner->retry(serial);
    }
    m_runner->setHeld(false); // a batch whose waiting keys could not go again ends
}

void Station::moveAllToThread(QThread *thread)
{
    m_runner->moveToThread(thread);
    m_watcher->moveToThread(thread);
    m_ca->moveToThread(thread);
    moveToThread(thread);
}

Result<QStringList> Station::connectCa()
{
    QFuture<ca::Result<QList<QByteArray>>> future = m_ca->fetchCaCertificates();
    QFutureWatcher<ca::Result<QList<QByteArray>>> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return takeCaCertificates(future);
}

QFuture<Result<QStringList>> Station::connectCaAsync()
{
    // A watcher owned by the station rather than QFuture::then(context): if the station goes first, the
    // watcher goes with it and the promise ends cancelled; Qt 6.4's context continuations assert in that
    // case.
    // The watcher is made in the station's thread (a child of the station); a promise the station never
    // reaches ends cancelled when its last copy goes.
    auto promise = std::make_shared<QPromise<Result<QStringList>>>();
    promise->start();
    QFuture<Result<QStringList>> future = promise->future();
    QMetaObject::invokeMethod(
        this,
        [this, promise] {
            auto *watcher = new QFutureWatcher<ca::Result<QList<QByteArray>>>(this);
            connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, promise] {
                auto taken = takeCaCertificates(watcher->future());
                takeCaStatus(watcher->future(), taken);
                promise->addResult(std::move(taken));
                promise->finish();
                watcher->deleteLater();
            });
            watcher->setFuture(m_ca->fetchCaCertificates());
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<Result<QString>> Station::provisionAllAsync(const OperatorSession &session, bool continuous,
                                                    const std::optional<LotManifest> &lot,
                                                    const QStringList &only)
{
    auto promise = std::make_shared<QPromise<Result<QString>>>();
    promise->start();
    QFuture<Result<QString>> future = promise->future();
    QMetaObject::invokeMethod(
        this,
        [this, promise, session, continuous, lot, only] {
            promise->addResult(provisionAll(session, continuous, false, false, lot, only));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<Result<OperatorSession>> Station::loginWithBadge(const QString &serial, QByteArray &pin,
                                                         std::shared_ptr<BadgeVerifier> verifier)
{
    QByteArray secret(pin.constData(), pin.size()); // a deep copy: wipe() clears the shared bytes in place
    wipe(pin);
    return QtConcurrent::run([module = m_module, store = m_operators.get(), serial, secret,
                              verifier = std::move(verifier)]() mutable {
        return BadgeLogin::login(module, serial, secret, *verifier, *store);
    });
}

void Station::cancelKey(const QString &serial)
{
    QMetaObject::invokeMethod(
        this, [this, serial] { m_runner->cancel(serial); }, Qt::QueuedConnection);
}

void Station::retryKey(const QString &serial)
{
    QMetaObject::invokeMethod(
        this, [this, serial] { m_runner->retry(serial); }, Qt::QueuedConnection);
}

void Station::cancelBatch()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_runner->isContinuous())
                m_runner->finish();
            m_runner->cancelAll();
        },
        Qt::QueuedConnection);
}

Result<QStringList> Station::takeCaCertificates(const QFuture<ca::Result<QList<QByteArray>>> &future,
                                                bool quiet)
{
    if (future.isCanceled() || future.resultCount() == 0)
        return CoreError::make(CoreError::Code::InvalidArgument, tr("The CA request was cancelled."),
                               QStringLiteral("ca"));
    const auto certs = future.result();
    if (!certs) {
        const ca::CaError &e = certs.error();
        QString message = e.toString();
        // A TLS failure names the anchor it was checked against and what to look at.
        if (e.code == ca::CaError::Code::Tls)
            message += u' '
                + tr("The server's TLS certificate was checked against %1 (ca.trustAnchorFile): check that "
                     "this file holds the CA that issued the server's certificate, and that ca.url names a "
                     "host that certificate covers.")
                      .arg(m_profile.ca.trustAnchorFile);
        else if (e.code == ca::CaError::Code::PinMismatch)
            message += u' ' + tr("Check ca.tlsPinSha256 against the server's current key.");
        return CoreError::make(CoreError::Code::CaUnavailable, message, QStringLiteral("ca"),
                               ca::CaError::codeName(e.code));
    }
    QStringList subjects;
    m_intermediates.clear();
    for (const auto &der : *certs) {
        const QSslCertificate cert(der, QSsl::Der);
        subjects << cert.subjectDisplayName();
        if (!m_anchors.contains(der))
            m_intermediates << der;
    }
    if (!quiet)
        qCInfo(lcCore) << "CA answered with" << subjects;
    return subjects;
}

ProvisioningContext Station::context(const QString &operatorName, bool force, bool retryPinRefused) const
{
    ProvisioningContext c;
    c.module = m_module;
    c.ca = m_ca.get();
    c.journal = m_journal.get();
    c.profile = m_profile;
    c.secrets = m_secrets;
    c.trustAnchorsDer = m_anchors;
    c.intermediatesDer = m_profileIntermediates + m_intermediates;
    c.policy.clockSkew = m_profile.clockSkew;
    c.policy.minRemainingValidity
        = ca::CertificatePolicy::remainingValidityForDays(m_profile.minValidityDays);
    c.policy.requiredKeyUsage = keyUsageBits(m_profile.keyUsage);
    c.policy.requiredExtendedKeyUsages = ekuOids(m_profile.extendedKeyUsage);
    c.policy.allowExtraUsages = m_profile.allowExtraUsages;
    // c.policy.expectedSubject is per key: ProvisioningJob fills it from Profile::expectedSubject(serial).
    c.operatorName = operatorName;
    c.force = force;
    c.retryPinRefused = retryPinRefused;
    c.workerPath = m_workerPath;
    if (!m_workerPath.isEmpty() && m_module->isOpenSc()) {
        if (auto readers = m_module->readers())
            c.openScReaders = *readers;
    }
    return c;
}

Result<QString> Station::provisionAll(const OperatorSession &session, bool continuous, bool force,
                                      bool retryPinRefused, const std::optional<LotManifest> &lot,
                                      const QStringList &only)
{
    if (auto allowed = OperatorStore::authorize(session, Permission::Provision, *m_journal); !allowed)
        return allowed.error();
    const QString operatorName = session.name();
    if (lot) {
        if (lot->profile != m_profile.name)
            return CoreError::make(
                CoreError::Code::LotMismatch,
                tr("The lot %1 is for the profile \"%2\", but this station runs the profile "
                   "\"%3\".")
                    .arg(lot->id, lot->profile, m_profile.name),
                QStringLiteral("profile"));
        if (auto registered = m_journal->registerLot(*lot, operatorName); !registered)
            return registered.error();
    }
    auto keys = m_module->tokens();
    if (!keys)
        return CoreError::make(CoreError::Code::InvalidArgument, keys.error().toString(),
                               QStringLiteral("module"));
    if (!only.isEmpty())
        keys->removeIf([&](const device::TokenInfo &key) { return !only.contains(key.serial); });
    ProvisioningContext c = context(operatorName, force, retryPinRefused);
    c.lot = lot;
    if (!m_runner->isActive()) { // a new batch: its keys from nothing, its automatic retries from zero
        QMutexLocker lock(&m_keysMutex);
        m_batchKeys.clear();
        m_batchOrder.clear();
        m_caWaiting.clear();
        m_caRetries.clear();
    }
    publishKeysWaiting();
    auto batch = m_runner->start(std::move(c), *keys, continuous);
    m_batchActive = m_runner->isActive();
    m_batchContinuous = m_runner->isContinuous();
    return batch;
}

} // namespace ks::core
