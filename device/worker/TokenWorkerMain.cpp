// keystation-token-worker: one key's PKCS#11 work in a process of its own (docs/worker-process.md).
// Started by the station with its end of a UNIX socket on fd 3; serves requests until the socket closes.
// It loads the module, opens the one key it was asked for, and knows nothing of the CA or the journal.

#include "device/Pkcs11Module.h"
#include "device/TokenSession.h"
#include "device/worker/WorkerProtocol.h"

#include <QByteArray>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QIODevice>
#include <QRegularExpression>
#include <QStringList>
#include <QTemporaryFile>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace ks::device;
using worker::Op;

namespace {

struct Worker
{
    std::shared_ptr<Pkcs11Module> module;
    std::unique_ptr<TokenSession> session;
};

QByteArray ok()
{
    return QByteArray(1, '\0');
}

QByteArray error(const DeviceError &e)
{
    QByteArray reply(1, '\1');
    QDataStream out(&reply, QIODevice::WriteOnly | QIODevice::Append);
    worker::setStreamVersion(out);
    out << e;
    return reply;
}

template<class T> QByteArray value(const T &v)
{
    QByteArray reply = ok();
    QDataStream out(&reply, QIODevice::WriteOnly | QIODevice::Append);
    worker::setStreamVersion(out);
    out << v;
    return reply;
}

template<class T> QByteArray answer(const Result<T> &r)
{
    if (!r)
        return error(r.error());
    if constexpr (std::is_void_v<T>)
        return ok();
    else
        return value(*r);
}

DeviceError protocolError(const QString &what)
{
    return DeviceError::make(DeviceError::Code::WorkerFailed, what, {}, QStringLiteral("protocol"));
}

// OpenSC reads $OPENSC_CONF (else /etc/opensc/opensc.conf) at C_Initialize. A private copy with
// `ignored_readers` in its `app default` block keeps this worker's OpenSC to its own reader. Returns the
// file's path; OPENSC_CONF points at it.
Result<QString> writeOpenScConf(const QStringList &ignoredReaders)
{
    QString base = qEnvironmentVariable("OPENSC_CONF");
    if (base.isEmpty())
        base = QStringLiteral("/etc/opensc/opensc.conf");
    QByteArray text;
    if (QFile file(base); file.open(QIODevice::ReadOnly))
        text = file.readAll();
    QByteArray list;
    for (const auto &reader : ignoredReaders) {
        QByteArray name = reader.toUtf8();
        name.replace('\\', "").replace('"', "");
        list += (list.isEmpty() ? "" : ", ") + ('"' + name + '"');
    }
    const QByteArray line = "\tignored_readers = " + list + ";\n";
    // The first `app default {` line that is not a comment; OpenSC uses the first such block.
    static const QRegularExpression appDefault(
        QStringLiteral("^[ \\t]*app[ \\t]+default[ \\t]*\\{[^\\n]*\\n"), QRegularExpression::MultilineOption);
    const auto match = appDefault.match(QString::fromUtf8(text));
    if (match.hasMatch())
        text.insert(QString::fromUtf8(text).left(match.capturedEnd()).toUtf8().size(), line);
    else
        text.prepend("app default {\n" + line + "}\n");
    QTemporaryFile file(QDir::tempPath() + QStringLiteral("/keystation-worker-opensc-XXXXXX.conf"));
    file.setAutoRemove(false);
    if (!file.open() || file.write(text) != text.size() || !file.flush())
        return DeviceError::make(
            DeviceError::Code::WorkerFailed,
            QStringLiteral("Cannot write the worker's OpenSC configuration: %1").arg(file.errorString()), {},
            QStringLiteral("opensc.conf"));
    qputenv("OPENSC_CONF", QFile::encodeName(file.fileName()));
    return file.fileName();
}

QByteArray serve(Worker &w, Op op, QDataStream &in)
{
    if (op == Op::Hello) {
        quint32 version = 0;
        in >> version;
        return value(worker::kProtocolVersion);
    }
    if (op == Op::Open) {
        QString modulePath, serial;
        QStringList ignoredReaders;
        in >> modulePath >> serial >> ignoredReaders;
        if (w.session)
            return error(protocolError(QStringLiteral("a worker serves one key")));
        QString privateConf;
        if (!ignoredReaders.isEmpty()) {
            auto conf = writeOpenScConf(ignoredReaders);
            if (!conf)
                return error(conf.error());
            privateConf = *conf;
        }
        auto module = Pkcs11Module::load(modulePath);
        if (!privateConf.isEmpty())
            QFile::remove(privateConf); // read by C_Initialize; nothing reads it later
        if (!module)
            return error(module.error());
        w.module = *module;
        auto session = TokenSession::open(w.module, serial);
        if (!session)
            return error(session.error());
        w.session = std::move(*session);
        return value(w.session->token());
    }
    if (!w.session)
        return error(protocolError(QStringLiteral("no key is open")));
    TokenSession &s = *w.session;
    switch (op) {
    case Op::RefreshTokenInfo:
        return answer(s.refreshTokenInfo());
    case Op::Login: {
        QByteArray pin;
        bool refuseWhenCountLow = true;
        in >> pin >> refuseWhenCountLow;
        LoginPolicy policy;
        policy.refuseWhenCountLow = refuseWhenCountLow;
        auto r = s.login(pin, policy);
        worker::wipeBuffer(pin);
        return answer(r);
    }
    case Op::Logout:
        return answer(s.logout());
    case Op::ChangePin: {
        QByteArray oldPin, newPin;
        in >> oldPin >> newPin;
        auto r = s.changePin(oldPin, newPin);
        worker::wipeBuffer(oldPin);
        worker::wipeBuffer(newPin);
        return answer(r);
    }
    case Op::KeyPairs:
        return answer(s.keyPairs());
    case Op::Certificates:
        return answer(s.certificates());
    case Op::FreeKeyPairs:
        return answer(s.freeKeyPairs());
    case Op::PublicKeys:
        return answer(s.publicKeys());
    case Op::GenerateKeyPair: {
        qint32 algorithm = 0;
        QString label;
        QByteArray id;
        in >> algorithm >> label >> id;
        if (algorithm < qint32(KeyAlgorithm::Rsa2048) || algorithm > qint32(KeyAlgorithm::EcP384))
            return error(protocolError(QStringLiteral("unknown key algorithm %1").arg(algorithm)));
        return answer(s.generateKeyPair(static_cast<KeyAlgorithm>(algorithm), label, id));
    }
    case Op::SignCsr: {
        QByteArray keyId;
        CsrRequest request;
        in >> keyId >> request;
        return answer(s.signCsr(keyId, request));
    }
    case Op::SignData: {
        QByteArray keyId, data;
        in >> keyId >> data;
        return answer(s.signData(keyId, data));
    }
    case Op::WriteCertificate: {
        QByteArray keyId, der;
        QString label;
        in >> keyId >> der >> label;
        return answer(s.writeCertificate(keyId, der, label));
    }
    case Op::DeleteCertificate: {
        QByteArray keyId;
        in >> keyId;
        return answer(s.deleteCertificate(keyId));
    }
    case Op::Decrypt: {
        QByteArray keyId, ciphertext;
        in >> keyId >> ciphertext;
        return answer(s.decrypt(keyId, ciphertext));
    }
    case Op::SignSha256Digest: {
        QByteArray keyId, digest;
        in >> keyId >> digest;
        return answer(s.signSha256Digest(keyId, digest));
    }
    case Op::SelfSignedCertificate: {
        QByteArray keyId;
        CsrRequest request;
        qint32 validityDays = 0;
        in >> keyId >> request >> validityDays;
        return answer(s.selfSignedCertificate(keyId, request, validityDays));
    }
    case Op::Hello:
    case Op::Open:
        break;
    }
    return error(protocolError(QStringLiteral("unknown request %1").arg(int(op))));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1) {
        std::fprintf(stderr,
                     "%s: started by KeyStation with its socket on fd 3; not meant to be run by hand\n",
                     argv[0]);
        return 2;
    }
    // Die with the station (a killed station must not leave workers holding cards); no core files of a
    // process that holds PINs; nothing inherited but the socket and stdio.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::prctl(PR_SET_DUMPABLE, 0);
    const rlimit noCore { 0, 0 };
    ::setrlimit(RLIMIT_CORE, &noCore);
    ::close_range(worker::kSocketFd + 1, ~0U, 0);
    std::signal(SIGPIPE, SIG_IGN);
    // The station died before PR_SET_PDEATHSIG took effect: we were re-parented.
    const QByteArray parent = qgetenv("KS_TOKEN_WORKER_PARENT");
    if (!parent.isEmpty() && parent.toLongLong() != static_cast<long long>(::getppid()))
        return 1;

    Worker w;
    const int fd = worker::kSocketFd;
    for (;;) {
        QByteArray request;
        if (worker::readFrame(fd, &request, -1) != worker::ReadStatus::Ok || request.isEmpty())
            break;
        const auto op = static_cast<Op>(static_cast<quint8>(request.at(0)));
        QByteArray reply;
        {
            QDataStream in(request);
            worker::setStreamVersion(in);
            in.skipRawData(1);
            reply = serve(w, op, in);
            if (in.status() != QDataStream::Ok)
                reply = error(protocolError(QStringLiteral("malformed request %1").arg(worker::opName(op))));
        }
        worker::wipeBuffer(request); // a Login or ChangePin request held a PIN
        const bool sent = worker::writeFrame(fd, reply);
        worker::wipeBuffer(reply); // a Decrypt reply holds a content-encryption key
        if (!sent)
            break;
    }
    // End of the socket: close the key's session before the module goes.
    w.session.reset();
    w.module.reset();
    return 0;
}
