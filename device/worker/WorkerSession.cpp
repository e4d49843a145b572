#include "device/worker/WorkerSession.h"

#include "device/DeviceLog.h"
#include "device/worker/WorkerProtocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace ks::device {

using worker::Op;

namespace {

// Environment variables a worker never inherits: anything that may carry a credential of the station
// (libpq's PG*, our KS_PG_*, and any *PASSWORD*, *SECRET*, *PIN*, *HMAC* name). The module's own settings
// (SOFTHSM2_CONF, OPENSC_CONF, PCSCLITE_CSOCK_NAME, KS_SIMHUB_*) pass.
bool secretBearing(const char *entry)
{
    const char *eq = std::strchr(entry, '=');
    const std::string name(entry, eq ? static_cast<size_t>(eq - entry) : std::strlen(entry));
    if (name.rfind("PG", 0) == 0 || name.rfind("KS_PG_", 0) == 0)
        return true;
    for (const char *word : { "PASSWORD", "PASSWD", "SECRET", "HMAC", "PIN" }) {
        if (name.find(word) != std::string::npos)
            return true;
    }
    return false;
}

QString signalName(int sig)
{
    const char *name = sigabbrev_np(sig);
    return name ? QStringLiteral("SIG") + QLatin1String(name) : QString::number(sig);
}

} // namespace

QString defaultWorkerPath()
{
    const QString fromEnv = qEnvironmentVariable("KEYSTATION_TOKEN_WORKER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("keystation-token-worker"));
}

WorkerSession::WorkerSession(const WorkerOptions &options, QString serial)
    : m_options(options)
    , m_serial(std::move(serial))
{ }

WorkerSession::~WorkerSession()
{
    if (m_fd >= 0)
        ::close(m_fd); // the worker sees end-of-file, closes its session and exits
    m_fd = -1;
    release();
}

Result<std::unique_ptr<WorkerSession>> WorkerSession::open(const WorkerOptions &options,
                                                           const QString &serial)
{
    std::unique_ptr<WorkerSession> session(new WorkerSession(options, serial));
    if (auto started = session->spawn(); !started)
        return started.error();

    QByteArray hello;
    {
        QDataStream out(&hello, QIODevice::WriteOnly);
        worker::setStreamVersion(out);
        out << quint32(worker::kProtocolVersion);
    }
    auto answer = session->exchange(int(Op::Hello), hello, options.startTimeout);
    if (!answer)
        return answer.error();
    {
        QDataStream in(*answer);
        worker::setStreamVersion(in);
        quint32 version = 0;
        in >> version;
        if (in.status() != QDataStream::Ok || version != worker::kProtocolVersion)
            return DeviceError::make(
                DeviceError::Code::WorkerFailed,
                tr("The token worker %1 speaks protocol version %2, the station %3: install "
                   "matching programs.")
                    .arg(options.workerPath)
                    .arg(version)
                    .arg(worker::kProtocolVersion),
                serial, QStringLiteral("Hello"));
    }

    QByteArray openRequest;
    {
        QDataStream out(&openRequest, QIODevice::WriteOnly);
        worker::setStreamVersion(out);
        out << options.modulePath << serial << options.ignoredReaders;
    }
    auto opened = session->exchange(int(Op::Open), openRequest, options.startTimeout);
    if (!opened)
        return opened.error();
    QDataStream in(*opened);
    worker::setStreamVersion(in);
    in >> session->m_token;
    if (in.status() != QDataStream::Ok)
        return session->workerGone(QStringLiteral("Open"), tr("its answer could not be read"));
    return session;
}

Result<void> WorkerSession::spawn()
{
    const QFileInfo exe(m_options.workerPath);
    if (!exe.isFile() || !exe.isExecutable())
        return DeviceError::make(
            DeviceError::Code::WorkerFailed,
            tr("The token worker program %1 is missing or not executable.").arg(m_options.workerPath),
            m_serial, QStringLiteral("spawn"));
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return DeviceError::make(
            DeviceError::Code::WorkerFailed,
            tr("Cannot create the worker's socket: %1").arg(QString::fromLocal8Bit(strerror(errno))),
            m_serial, QStringLiteral("socketpair"));
    int childEnd = sv[1];
    if (childEnd == worker::kSocketFd) {
        // dup2 onto the same number would keep close-on-exec set
        childEnd = ::fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
        ::close(sv[1]);
    }

    auto withheld = [this](const char *entry) {
        const char *eq = std::strchr(entry, '=');
        const QByteArray name(entry, eq ? static_cast<qsizetype>(eq - entry) : qsizetype(std::strlen(entry)));
        return name == "KS_TOKEN_WORKER_PARENT"
            || m_options.withheldEnvironment.contains(QString::fromLocal8Bit(name));
    };
    std::vector<char *> env;
    for (char **e = environ; e && *e; ++e) {
        if (!secretBearing(*e) && !withheld(*e))
            env.push_back(*e);
    }
    QByteArray parent = "KS_TOKEN_WORKER_PARENT=" + QByteArray::number(static_cast<qint64>(::getpid()));
    env.push_back(parent.data());
    env.push_back(nullptr);
    const QByteArray path = QFile::encodeName(m_options.workerPath);
    char *argv[] = { const_cast<char *>(path.constData()), nullptr };

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, childEnd, worker::kSocketFd);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, path.constData(), &actions, nullptr, argv, env.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(childEnd);
    if (rc != 0) {
        ::close(sv[0]);
        return DeviceError::make(DeviceError::Code::WorkerFailed,
                                 tr("Cannot start the token worker %1: %2")
                                     .arg(m_options.workerPath, QString::fromLocal8Bit(strerror(rc))),
                                 m_serial, QStringLiteral("spawn"));
    }
    m_pid = pid;
    m_fd = sv[0];
    qCDebug(lcDevice) << "token worker" << pid << "for key" << m_serial;
    return {};
}

bool WorkerSession::abort()
{
    m_aborted = true;
    // Never waits: if the worker is being reaped right now, it is going anyway.
    std::unique_lock lock(m_reapMutex, std::try_to_lock);
    if (lock.owns_lock() && !m_reaped && m_pid > 0)
        ::kill(m_pid, SIGKILL);
    return true;
}

void WorkerSession::reap(bool wait)
{
    std::lock_guard lock(m_reapMutex);
    if (m_reaped || m_pid <= 0)
        return;
    int status = 0;
    pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done == 0 && wait) {
        // Killed (abort, a call that failed): gone at once. Never wait on a worker still finishing its
        // module (C_Finalize): the job's thread must not outlive its batch; the sweep reaps it later.
        done = ::waitpid(m_pid, &status, 0);
    }
    if (done == m_pid || (done < 0 && errno == ECHILD)) {
        m_reaped = true;
        m_exitStatus = status;
    }
}

namespace {

// Workers whose socket was closed and that are finishing their module on their own: reaped by the next
// sweep, killed if they take longer than kFinishGrace (a module hung in C_Finalize).
constexpr auto kFinishGrace = std::chrono::seconds(10);
std::mutex g_finishingMutex;
std::vector<std::pair<pid_t, std::chrono::steady_clock::time_point>> g_finishing;

void sweepFinishing()
{
    std::lock_guard lock(g_finishingMutex);
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(g_finishing, [&](const auto &entry) {
        int status = 0;
        const pid_t done = ::waitpid(entry.first, &status, WNOHANG);
        if (done == entry.first || (done < 0 && errno == ECHILD))
            return true;
        if (now > entry.second)
            ::kill(entry.first, SIGKILL);
        return false;
    });
}

} // namespace

void WorkerSession::release()
{
    sweepFinishing();
    std::lock_guard lock(m_reapMutex);
    if (m_reaped || m_pid <= 0)
        return;
    int status = 0;
    const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid || (done < 0 && errno == ECHILD)) {
        m_reaped = true;
        return;
    }
    m_reaped = true; // handed over: this object no longer signals the pid
    std::lock_guard finishing(g_finishingMutex);
    g_finishing.emplace_back(m_pid, std::chrono::steady_clock::now() + kFinishGrace);
}

DeviceError WorkerSession::workerGone(const QString &call, const QString &why)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_aborted) {
        std::unique_lock lock(m_reapMutex);
        if (!m_reaped && m_pid > 0)
            ::kill(m_pid, SIGKILL);
    }
    reap(true);
    QString how;
    if (m_aborted)
        how = tr("it was stopped by the station");
    else if (WIFSIGNALED(m_exitStatus))
        how = tr("it was killed by %1").arg(signalName(WTERMSIG(m_exitStatus)));
    else if (WIFEXITED(m_exitStatus))
        how = tr("it exited with status %1").arg(WEXITSTATUS(m_exitStatus));
    const QString message = how.isEmpty()
        ? tr("The key's worker process failed during %1: %2.").arg(call, why)
        : tr("The key's worker process failed during %1: %2 (%3).").arg(call, why, how);
    qCWarning(lcDevice) << "token worker" << m_pid << "key" << m_serial << message;
    return DeviceError::make(DeviceError::Code::WorkerFailed, message, m_serial, call);
}

Result<QByteArray> WorkerSession::exchange(int opCode, QByteArray &request, std::chrono::milliseconds timeout)
{
    const Op op = static_cast<Op>(opCode);
    const QString call = worker::opName(op);
    if (m_fd < 0 || m_aborted)
        return DeviceError::make(DeviceError::Code::WorkerFailed,
                                 tr("The key's worker process is no longer running."), m_serial, call);
    QByteArray frame = worker::secretBuffer(request.size() + 16);
    frame.append(static_cast<char>(op));
    frame.append(request);
    worker::wipeBuffer(request);
    const bool sent = worker::writeFrame(m_fd, frame);
    worker::wipeBuffer(frame);
    if (!sent)
        return workerGone(call, tr("it does not take requests"));

    QByteArray reply;
    const int wait = timeout.count() > 0 ? static_cast<int>(timeout.count()) : -1;
    switch (worker::readFrame(m_fd, &reply, wait)) {
    case worker::ReadStatus::Ok:
        break;
    case worker::ReadStatus::TimedOut:
        return workerGone(call, tr("no answer within %1 s").arg(timeout.count() / 1000.0, 0, 'f', 1));
    case worker::ReadStatus::Malformed:
        return workerGone(call, tr("it sent an oversized message"));
    case worker::ReadStatus::Closed:
        return workerGone(call, tr("it ended without answering"));
    }
    if (reply.isEmpty())
        return workerGone(call, tr("it sent an empty answer"));
    const char status = reply.at(0);
    const QByteArray body = reply.mid(1);
    if (status == 0)
        return body;
    QDataStream in(body);
    worker::setStreamVersion(in);
    DeviceError error;
    in >> error;
    if (in.status() != QDataStream::Ok || status != 1)
        return workerGone(call, tr("its answer could not be read"));
    if (error.serial.isEmpty())
        error.serial = m_serial;
    return error;
}

// Builds a request, exchanges it and decodes the value: one place for the framing of every call.
class WorkerSession::Call
{
public:
    Call(WorkerSession *session, Op op)
        : m_session(session)
        , m_op(op)
        , m_request(worker::secretBuffer())
        , m_out(&m_request, QIODevice::WriteOnly)
    {
        worker::setStreamVersion(m_out);
    }
    ~Call() { worker::wipeBuffer(m_request); }
    QDataStream &out() { return m_out; }

    template<class T> Result<T> get()
    {
        auto body = m_session->exchange(int(m_op), m_request, m_session->m_options.callTimeout);
        if (!body)
            return body.error();
        if constexpr (std::is_void_v<T>) {
            return {};
        } else {
            QDataStream in(*body);
            worker::setStreamVersion(in);
            T value {};
            in >> value;
            if (in.status() != QDataStream::Ok)
                return m_session->workerGone(worker::opName(m_op), tr("its answer could not be read"));
            return value;
        }
    }

private:
    WorkerSession *m_session;
    Op m_op;
    QByteArray m_request;
    QDataStream m_out;
};

Result<TokenInfo> WorkerSession::refreshTokenInfo()
{
    auto info = Call(this, Op::RefreshTokenInfo).get<TokenInfo>();
    if (info)
        m_token = *info;
    return info;
}

Result<void> WorkerSession::login(const QByteArray &pin, const LoginPolicy &policy)
{
    Call call(this, Op::Login);
    call.out() << pin << policy.refuseWhenCountLow;
    return call.get<void>();
}

Result<void> WorkerSession::logout()
{
    return Call(this, Op::Logout).get<void>();
}

Result<void> WorkerSession::changePin(const QByteArray &oldPin, const QByteArray &newPin)
{
    Call call(this, Op::ChangePin);
    call.out() << oldPin << newPin;
    return call.get<void>();
}

Result<QList<KeyPairInfo>> WorkerSession::keyPairs()
{
    return Call(this, Op::KeyPairs).get<QList<KeyPairInfo>>();
}

Result<QList<CertificateObject>> WorkerSession::certificates()
{
    return Call(this, Op::Certificates).get<QList<CertificateObject>>();
}

Result<QList<KeyPairInfo>> WorkerSession::publicKeys()
{
    return Call(this, Op::PublicKeys).get<QList<KeyPairInfo>>();
}

Result<QList<KeyPairInfo>> WorkerSession::freeKeyPairs()
{
    return Call(this, Op::FreeKeyPairs).get<QList<KeyPairInfo>>();
}

Result<KeyPairInfo> WorkerSession::generateKeyPair(KeyAlgorithm algorithm, const QString &label,
                                                   QByteArray id)
{
    Call call(this, Op::GenerateKeyPair);
    call.out() << qint32(algorithm) << label << id;
    return call.get<KeyPairInfo>();
}

Result<QByteArray> WorkerSession::signCsr(const QByteArray &keyId, const CsrRequest &request)
{
    Call call(this, Op::SignCsr);
    call.out() << keyId << request;
    return call.get<QByteArray>();
}

Result<QByteArray> WorkerSession::signData(const QByteArray &keyId, const QByteArray &data)
{
    Call call(this, Op::SignData);
    call.out() << keyId << data;
    return call.get<QByteArray>();
}

Result<QByteArray> WorkerSession::signSha256Digest(const QByteArray &keyId, const QByteArray &digest)
{
    Call call(this, Op::SignSha256Digest);
    call.out() << keyId << digest;
    return call.get<QByteArray>();
}

Result<QByteArray> WorkerSession::decrypt(const QByteArray &keyId, const QByteArray &ciphertext)
{
    Call call(this, Op::Decrypt);
    call.out() << keyId << ciphertext;
    return call.get<QByteArray>();
}

Result<QByteArray> WorkerSession::selfSignedCertificate(const QByteArray &keyId, const CsrRequest &request,
                                                        int validityDays)
{
    Call call(this, Op::SelfSignedCertificate);
    call.out() << keyId << request << qint32(validityDays);
    return call.get<QByteArray>();
}

Result<CertificateObject> WorkerSession::writeCertificate(const QByteArray &keyId, const QByteArray &der,
                                                          const QString &label)
{
    Call call(this, Op::WriteCertificate);
    call.out() << keyId << der << label;
    return call.get<CertificateObject>();
}

Result<void> WorkerSession::deleteCertificate(const QByteArray &keyId)
{
    Call call(this, Op::DeleteCertificate);
    call.out() << keyId;
    return call.get<void>();
}

} // namespace ks::device
