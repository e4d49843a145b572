#include "core/Doctor.h"

#include "ca_client/EnrollmentClient.h"
#include "ca_client/EnrollmentClientFactory.h"
#include "ca_client/HttpTransport.h"
#include "core/Journal.h"
#include "core/Profile.h"
#include "core/ProfileLoader.h"
#include "core/SecureBytes.h"
#include "core/secrets/SecretFile.h"
#include "device/Pkcs11Module.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QStorageInfo>
#include <QTemporaryFile>

#include <algorithm>
#include <optional>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace ks::core {

namespace {

using Outcome = DoctorCheck::Outcome;

DoctorCheck check(const QString &id, const QString &title, Outcome outcome, const QString &detail,
                  const QString &nextStep = {})
{
    DoctorCheck c;
    c.id = id;
    c.title = title;
    c.outcome = outcome;
    c.detail = detail;
    c.nextStep = outcome == Outcome::Ok ? QString() : nextStep;
    return c;
}

QString gib(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024 * 1024), 'f', 1);
}

// A local socket that accepts a connection (pcscd, or systemd holding its socket for it).
bool socketAccepts(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    sockaddr_un address {};
    if (native.isEmpty() || size_t(native.size()) >= sizeof(address.sun_path))
        return false;
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, native.constData(), size_t(native.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return ok;
}

bool processRuns(const QString &name)
{
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool number = false;
        pid.toInt(&number);
        if (!number)
            continue;
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name.toLatin1())
            return true;
    }
    return false;
}

// Waits for a future in a local event loop (the CA client answers through this thread's events).
template<class T> void waitFor(const QFuture<T> &future)
{
    if (future.isFinished())
        return;
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
}

// The CA client settings of a profile: the same as the station's (core/Station.cpp, Station::create), so the
// doctor reaches the CA exactly as a batch would, through the same anchor, pin and credentials.
Result<ca::CaSettings> caSettings(const Profile &p, std::chrono::milliseconds timeout)
{
    auto secret = [](const QString &path, const QString &field) -> Result<QByteArray> {
        QByteArray line;
        QString error;
        if (!SecretFile::readLine(path, line, error, SecretFile::Line::Trimmed))
            return CoreError::make(CoreError::Code::Io, error, field);
        return line;
    };
    ca::CaSettings s;
    s.protocol = p.ca.protocol == Profile::CaProtocol::Est ? ca::CaSettings::Protocol::Est
        : p.ca.protocol == Profile::CaProtocol::Scep       ? ca::CaSettings::Protocol::Scep
                                                           : ca::CaSettings::Protocol::Cfssl;
    s.baseUrl = QUrl(p.ca.url);
    s.label = p.ca.label;
    s.profile = p.ca.profile;
    s.trustAnchorFile = p.ca.trustAnchorFile;
    s.clientCertFile = p.ca.clientCertFile;
    s.clientKeyFile = p.ca.clientKeyFile;
    s.requestTimeout = timeout;
    s.maxConcurrent = 1;
    if (!p.ca.tlsPinSha256.isEmpty()) {
        auto pin = ca::CaSettings::parsePin(p.ca.tlsPinSha256);
        if (!pin)
            return CoreError::make(CoreError::Code::ProfileInvalidValue, pin.error().message,
                                   QStringLiteral("ca.tlsPinSha256"));
        s.pinnedSpkiSha256 = *pin;
    }
    if (!p.ca.caCertificateSha256.isEmpty())
        s.caCertificateSha256 = QByteArray::fromHex(p.ca.caCertificateSha256.toLatin1());
    // Fetching the CA certificates needs no challenge; the secrets below are read because the client refuses
    // to be built without the credentials a profile names (and a refused file is worth reporting here).
    if (!p.ca.challengePasswordFile.isEmpty()) {
        auto challenge = secret(p.ca.challengePasswordFile, QStringLiteral("ca.challengePasswordFile"));
        if (!challenge)
            return challenge.error();
        s.challengePassword = *challenge;
    }
    if (!p.ca.authKeyFile.isEmpty()) {
        auto key = secret(p.ca.authKeyFile, QStringLiteral("ca.authKeyFile"));
        if (!key)
            return key.error();
        s.hmacKeyHex = *key;
    }
    if (!p.ca.usernameFile.isEmpty()) {
        auto user = secret(p.ca.usernameFile, QStringLiteral("ca.usernameFile"));
        if (!user)
            return user.error();
        auto password = secret(p.ca.passwordFile, QStringLiteral("ca.passwordFile"));
        if (!password)
            return password.error();
        s.basicUser = QString::fromUtf8(*user);
        s.basicPassword = QString::fromUtf8(*password);
        wipe(*password);
    }
    return s;
}

QString describe(const CoreError &e)
{
    QString text = e.message;
    if (!e.field.isEmpty() && !text.contains(e.field))
        text = e.field + QStringLiteral(": ") + text;
    if (!e.detail.isEmpty())
        text += QStringLiteral(" (") + e.detail + u')';
    return text;
}

class Run
{
public:
    explicit Run(const DoctorConfig &config)
        : m_config(config)
    { }

    QList<DoctorCheck> all()
    {
        profile();
        module();
        pcscd();
        readers();
        ca();
        caCertificate();
        clock();
        journal();
        disk();
        sound();
        return m_checks;
    }

private:
    void add(DoctorCheck c) { m_checks << std::move(c); }

    void profile()
    {
        const QString title = Doctor::tr("Profile");
        auto loaded = ProfileLoader::loadFile(m_config.profilePath);
        if (!loaded) {
            add(check(QStringLiteral("profile"), title, Outcome::Fail,
                      describe(loaded.error()).contains(m_config.profilePath)
                          ? describe(loaded.error())
                          : Doctor::tr("%1: %2").arg(m_config.profilePath, describe(loaded.error())),
                      Doctor::tr("Fix the profile (docs/profiles.md) or give another with --profile.")));
            return;
        }
        m_profile = *loaded;
        add(check(QStringLiteral("profile"), title, Outcome::Ok,
                  Doctor::tr("\"%1\" from %2").arg(m_profile->name, m_config.profilePath)));
    }

    void module()
    {
        const QString title = Doctor::tr("PKCS#11 module");
        auto loaded = m_config.module ? device::Result<std::shared_ptr<device::Pkcs11Module>>(m_config.module)
                                      : device::Pkcs11Module::load(m_config.modulePath);
        if (!loaded) {
            add(check(QStringLiteral("module"), title, Outcome::Fail,
                      Doctor::tr("%1 does not load: %2").arg(m_config.modulePath, loaded.error().toString()),
                      Doctor::tr("Install the module's package (opensc-pkcs11 for OpenSC) or give the right "
                                 "one with --module.")));
            return;
        }
        m_module = *loaded;
        auto tokens = m_module->tokens();
        if (!tokens) {
            add(check(QStringLiteral("module"), title, Outcome::Fail,
                      Doctor::tr("%1 loads but cannot list its keys: %2")
                          .arg(m_config.modulePath, tokens.error().toString()),
                      Doctor::tr("Check the module's own configuration and, for OpenSC, pcscd.")));
            return;
        }
        add(check(QStringLiteral("module"), title, Outcome::Ok,
                  Doctor::tr("%1 (%2): keys present: %3")
                      .arg(m_module->description(), m_config.modulePath)
                      .arg(tokens->size())));
    }

    bool openSc() const { return m_module && m_module->isOpenSc(); }

    void pcscd()
    {
        const QString title = Doctor::tr("pcscd and readers");
        if (!openSc()) {
            add(check(QStringLiteral("pcscd"), title, Outcome::Skipped,
                      m_module ? Doctor::tr("the module is not OpenSC: it does not use PC/SC")
                               : Doctor::tr("no module loaded")));
            return;
        }
        QString socket = m_config.pcscdSocket;
        if (socket.isEmpty())
            socket = qEnvironmentVariable("PCSCLITE_CSOCK_NAME");
        if (socket.isEmpty())
            socket = QStringLiteral("/run/pcscd/pcscd.comm");
        if (!socketAccepts(socket) && !processRuns(QStringLiteral("pcscd"))) {
            add(check(
                QStringLiteral("pcscd"), title, Outcome::Fail,
                Doctor::tr("pcscd is not running (no process, %1 does not accept connections)").arg(socket),
                Doctor::tr("Start it: sudo systemctl start pcscd.socket pcscd (Debian package pcscd).")));
            return;
        }
        auto readers = m_module->readers();
        if (!readers) {
            add(check(QStringLiteral("pcscd"), title, Outcome::Fail,
                      Doctor::tr("pcscd runs, but OpenSC cannot list the readers: %1")
                          .arg(readers.error().toString()),
                      Doctor::tr("Check pcscd's log (journalctl -u pcscd) and OpenSC's configuration.")));
            return;
        }
        m_readers = int(readers->size());
        if (readers->isEmpty()) {
            add(check(QStringLiteral("pcscd"), title, Outcome::Fail,
                      Doctor::tr("pcscd runs, but reports no reader"),
                      Doctor::tr("Check the hub: its USB cable and its power supply.")));
            return;
        }
        add(check(QStringLiteral("pcscd"), title, Outcome::Ok,
                  Doctor::tr("pcscd runs; readers: %1").arg(m_readers)));
    }

    void readers()
    {
        const QString title = Doctor::tr("Reader limits");
        if (!openSc() || m_readers < 0) {
            add(check(QStringLiteral("readers"), title, Outcome::Skipped,
                      openSc() ? Doctor::tr("no reader list") : Doctor::tr("the module is not OpenSC")));
            return;
        }
        QString conf = m_config.openScConf;
        if (conf.isEmpty())
            conf = qEnvironmentVariable("OPENSC_CONF");
        if (conf.isEmpty())
            conf = QStringLiteral("/etc/opensc/opensc.conf");
        const Doctor::OpenScLimits limits = Doctor::openScLimits(conf);
        const int openScReaders = limits.readers();
        const QString openScText
            = Doctor::tr("OpenSC gives slots to %1 readers (max_virtual_slots %2 / slots_per_card %3, %4)")
                  .arg(openScReaders)
                  .arg(limits.maxVirtualSlots)
                  .arg(limits.slotsPerCard)
                  .arg(limits.source.isEmpty() ? Doctor::tr("OpenSC's defaults") : limits.source);
        const QString text = Doctor::tr("readers: %1; ").arg(m_readers) + openScText
            + Doctor::tr("; pcsc-lite's default limit is %1 readers").arg(Doctor::pcscLiteMaxReaders);
        if (m_readers >= openScReaders) {
            // A reader beyond the limit has no slot: it cannot be told apart from a reader that is not there.
            add(check(
                QStringLiteral("readers"), title, Outcome::Warn, text,
                Doctor::tr("At OpenSC's limit: readers beyond it are invisible. Raise max_virtual_slots in "
                           "%1 (docs/hardware.md).")
                    .arg(conf)));
            return;
        }
        if (m_readers >= Doctor::pcscLiteMaxReaders) {
            add(check(
                QStringLiteral("readers"), title, Outcome::Warn, text,
                Doctor::tr("At pcsc-lite's limit: a further reader is dropped without a message. More keys "
                           "need a second station (docs/hardware.md).")));
            return;
        }
        add(check(QStringLiteral("readers"), title, Outcome::Ok, text));
    }

    void ca()
    {
        const QString title = Doctor::tr("CA");
        if (!m_profile) {
            add(check(QStringLiteral("ca"), title, Outcome::Skipped,
                      Doctor::tr("no profile to read the CA from")));
            return;
        }
        auto settings = caSettings(*m_profile, m_config.caTimeout);
        if (!settings) {
            add(check(QStringLiteral("ca"), title, Outcome::Fail, describe(settings.error()),
                      Doctor::tr("Fix the profile's ca section (docs/profiles.md).")));
            return;
        }
        m_settings = *settings;
        auto client = ca::EnrollmentClientFactory::create(*m_settings);
        if (!client) {
            add(check(QStringLiteral("ca"), title, Outcome::Fail, client.error().toString(),
                      Doctor::tr("Fix the profile's ca section (docs/profiles.md).")));
            m_settings.reset();
            return;
        }
        const QFuture<ca::Result<QList<QByteArray>>> future = (*client)->fetchCaCertificates();
        waitFor(future);
        if (future.resultCount() == 0) {
            add(check(QStringLiteral("ca"), title, Outcome::Fail, Doctor::tr("the request was cancelled"),
                      Doctor::tr("Run the check again.")));
            return;
        }
        const auto certs = future.result();
        if (!certs) {
            const ca::CaError &e = certs.error();
            QString next;
            switch (e.code) {
            case ca::CaError::Code::Tls:
                next = Doctor::tr("The server's TLS certificate was checked against %1 (ca.trustAnchorFile): "
                                  "check that it holds the CA that issued the server's certificate, that it "
                                  "has not expired, and that ca.url names a host that certificate covers.")
                           .arg(m_profile->ca.trustAnchorFile);
                break;
            case ca::CaError::Code::PinMismatch:
                next = Doctor::tr("Check ca.tlsPinSha256 against the server's current key.");
                break;
            case ca::CaError::Code::Unauthorized:
                next = Doctor::tr(
                    "The CA refused the station's credentials: check the profile's ca credentials.");
                break;
            case ca::CaError::Code::Network:
            case ca::CaError::Code::Timeout:
                next = Doctor::tr("Is the CA running? Check ca.url (%1), the network and any firewall.")
                           .arg(m_profile->ca.url);
                break;
            default:
                next = Doctor::tr("Check ca.url (%1) and the CA's log.").arg(m_profile->ca.url);
                break;
            }
            add(check(QStringLiteral("ca"), title, Outcome::Fail, e.toString(), next));
            return;
        }
        m_caReached = true;
        QStringList subjects;
        for (const QByteArray &der : *certs) {
            const QSslCertificate cert(der, QSsl::Der);
            subjects << cert.subjectDisplayName();
            m_caCertificates << cert;
        }
        add(check(
            QStringLiteral("ca"), title, Outcome::Ok,
            Doctor::tr("%1 at %2 answers: %3")
                .arg((*client)->protocolName(), m_profile->ca.url, subjects.join(QStringLiteral(", ")))));
    }

    void caCertificate()
    {
        const QString title = Doctor::tr("CA certificates' validity");
        if (!m_profile) {
            add(check(QStringLiteral("ca-certificate"), title, Outcome::Skipped, Doctor::tr("no profile")));
            return;
        }
        // The anchor and issuing CAs as the profile names them, and what the CA sent: a certificate issued
        // now must be valid for minValidityDays, which a CA that expires sooner cannot give.
        QList<QPair<QString, QSslCertificate>> certs;
        for (const auto &cert : QSslCertificate::fromPath(m_profile->ca.trustAnchorFile, QSsl::Pem))
            certs.append({ Doctor::tr("trust anchor"), cert });
        if (certs.isEmpty()) {
            add(check(QStringLiteral("ca-certificate"), title, Outcome::Fail,
                      Doctor::tr("no PEM certificate in %1").arg(m_profile->ca.trustAnchorFile),
                      Doctor::tr("Put the CA's root certificate (PEM) in ca.trustAnchorFile.")));
            return;
        }
        for (const QString &file : std::as_const(m_profile->ca.intermediateFiles)) {
            for (const auto &cert : QSslCertificate::fromPath(file, QSsl::Pem))
                certs.append({ Doctor::tr("issuing CA"), cert });
        }
        for (const auto &cert : std::as_const(m_caCertificates))
            certs.append({ Doctor::tr("CA certificate"), cert });
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime needed = now.addDays(m_profile->minValidityDays);
        const QString next
            = Doctor::tr("Renew the CA certificate and give the station the new one (ca.trustAnchorFile).");
        QPair<QString, QSslCertificate> earliest = certs.first();
        for (const auto &[what, cert] : std::as_const(certs)) {
            const QString name = QStringLiteral("%1 \"%2\"").arg(what, cert.subjectDisplayName());
            if (cert.expiryDate() <= now) {
                add(check(QStringLiteral("ca-certificate"), title, Outcome::Fail,
                          Doctor::tr("%1 expired on %2").arg(name, cert.expiryDate().toString(Qt::ISODate)),
                          next));
                return;
            }
            if (cert.effectiveDate() > now) {
                add(check(QStringLiteral("ca-certificate"), title, Outcome::Fail,
                          Doctor::tr("%1 is valid only from %2")
                              .arg(name, cert.effectiveDate().toString(Qt::ISODate)),
                          Doctor::tr("Check this machine's clock, then the CA certificate.")));
                return;
            }
            if (cert.expiryDate() < needed) {
                add(check(QStringLiteral("ca-certificate"), title, Outcome::Fail,
                          Doctor::tr("%1 expires on %2, sooner than the profile's minValidityDays (%3 days) "
                                     "from now")
                              .arg(name, cert.expiryDate().toString(Qt::ISODate))
                              .arg(m_profile->minValidityDays),
                          next));
                return;
            }
            if (cert.expiryDate() < earliest.second.expiryDate())
                earliest = { what, cert };
        }
        add(check(QStringLiteral("ca-certificate"), title, Outcome::Ok,
                  Doctor::tr("certificates: %1, the first to expire on %2 (the profile needs %3 days)")
                      .arg(certs.size())
                      .arg(earliest.second.expiryDate().toString(Qt::ISODate))
                      .arg(m_profile->minValidityDays)));
    }

    void clock()
    {
        const QString title = Doctor::tr("Clock");
        if (!m_caReached || !m_settings) {
            add(check(QStringLiteral("clock"), title, Outcome::Skipped,
                      m_profile ? Doctor::tr("the CA did not answer: no time to compare with")
                                : Doctor::tr("no profile to read the CA from")));
            return;
        }
        // One GET of the CA's URL through the same TLS settings; any answer (a 404 too) carries the CA's
        // Date header (RFC 9110 6.6.1).
        auto transport = ca::HttpTransport::create(*m_settings);
        std::optional<ca::Result<ca::HttpResponse>> answer;
        QDateTime sent;
        if (transport) {
            QEventLoop loop;
            ca::HttpRequest request;
            request.url = m_settings->baseUrl;
            request.operation = QStringLiteral("doctor/date");
            sent = QDateTime::currentDateTimeUtc();
            (*transport)->send(request, [&](ca::Result<ca::HttpResponse> r) {
                answer = std::move(r);
                loop.quit();
            });
            if (!answer)
                loop.exec();
        }
        const QDateTime received = QDateTime::currentDateTimeUtc();
        if (!answer || !*answer || (*answer)->date.isEmpty()) {
            add(check(QStringLiteral("clock"), title, Outcome::Warn,
                      answer && !*answer
                          ? Doctor::tr("no answer to compare clocks: %1").arg((*answer).error().toString())
                          : Doctor::tr("the CA's answer carries no Date header"),
                      Doctor::tr("Compare this machine's clock with the CA's by hand (timedatectl).")));
            return;
        }
        // IMF-fixdate ("Tue, 01 Dec 2026 00:30:59 GMT"), which Qt's RFC 2822 parser takes only with a numeric
        // zone.
        QString dateText = QString::fromLatin1((*answer)->date).trimmed();
        if (dateText.endsWith(QLatin1String(" GMT")) || dateText.endsWith(QLatin1String(" UTC")))
            dateText = dateText.chopped(4) + QStringLiteral(" +0000");
        const QDateTime caTime = QDateTime::fromString(dateText, Qt::RFC2822Date).toUTC();
        if (!caTime.isValid()) {
            add(check(QStringLiteral("clock"), title, Outcome::Warn,
                      Doctor::tr("the CA's Date header cannot be read: %1")
                          .arg(QString::fromLatin1((*answer)->date.left(64))),
                      Doctor::tr("Compare this machine's clock with the CA's by hand (timedatectl).")));
            return;
        }
        // The Date has whole seconds; the local time is taken half-way through the exchange.
        const QDateTime local = sent.addMSecs(sent.msecsTo(received) / 2);
        const qint64 offset = local.secsTo(caTime); // > 0: the CA is ahead
        const qint64 allowed = m_profile->clockSkew.count();
        const QString text = offset == 0 ? Doctor::tr("this machine's clock agrees with the CA's")
            : offset > 0 ? Doctor::tr("this machine's clock is %1 s behind the CA's").arg(offset)
                         : Doctor::tr("this machine's clock is %1 s ahead of the CA's").arg(-offset);
        if (qAbs(offset) > allowed) {
            add(check(
                QStringLiteral("clock"), title, Outcome::Fail,
                text + Doctor::tr(" (the profile allows %1 s: clockSkew)").arg(allowed),
                Doctor::tr("Set the clock right (timedatectl set-ntp true) on this machine or the CA.")));
            return;
        }
        add(check(QStringLiteral("clock"), title, Outcome::Ok,
                  text + Doctor::tr(" (allowed: %1 s)").arg(allowed)));
    }

    // The SQLite file, resolved as Journal::open would.
    QString sqlitePath() const
    {
        return m_config.journal.sqlitePath.isEmpty() ? JournalConfig::defaultSqlitePath()
                                                     : m_config.journal.sqlitePath;
    }

    // Whether a file can be created in dir (or in the directories that would be made for it), by trying.
    static QString creatableError(const QString &path)
    {
        QFileInfo ancestor(QFileInfo(path).absolutePath());
        while (!ancestor.exists() && !ancestor.isRoot())
            ancestor = QFileInfo(ancestor.absolutePath());
        if (!ancestor.isDir())
            return Doctor::tr("%1 is not a directory").arg(ancestor.absoluteFilePath());
        QTemporaryFile probe(ancestor.absoluteFilePath() + QStringLiteral("/.keystation-doctor-XXXXXX"));
        if (!probe.open())
            return Doctor::tr("cannot write in %1: %2").arg(ancestor.absoluteFilePath(), probe.errorString());
        return {};
    }

    void journal()
    {
        const QString title = Doctor::tr("Journal");
        const bool sqlite = m_config.journal.backend == JournalConfig::Backend::Sqlite;
        const QString next
            = Doctor::tr("Give a journal the station can write: --journal PATH, --pg-conf FILE "
                         "or $KEYSTATION_JOURNAL (docs/journal.md).");
        if (sqlite && !QFileInfo::exists(sqlitePath())) {
            const QString error = creatableError(sqlitePath());
            if (!error.isEmpty()) {
                add(check(QStringLiteral("journal"), title, Outcome::Fail,
                          Doctor::tr("%1 cannot be created: %2").arg(sqlitePath(), error), next));
                return;
            }
            add(check(QStringLiteral("journal"), title, Outcome::Ok,
                      Doctor::tr("%1 does not exist yet; the station can create it").arg(sqlitePath())));
            return;
        }
        auto journal = Journal::open(m_config.journal);
        if (!journal) {
            add(check(
                QStringLiteral("journal"), title, Outcome::Fail,
                Doctor::tr("%1 cannot be opened: %2")
                    .arg(sqlite ? sqlitePath() : QStringLiteral("PostgreSQL"), describe(journal.error())),
                next));
            return;
        }
        const QString where = (*journal)->location();
        // The write probe: a write the journal's own appends would need, rolled back. The chain is untouched.
        // SQLite: a write lock and a change of the chain head's row. PostgreSQL: the lock an INSERT/UPDATE of
        // the chain head takes (needs those privileges; refused in a read-only transaction or on a standby),
        // without blocking any station's append.
        const bool pg = (*journal)->isPostgres();
        const Status writable = (*journal)->worker().call([pg](QSqlDatabase &db) -> Status {
            if (!db.transaction())
                return CoreError::make(CoreError::Code::Io, db.lastError().text());
            QSqlQuery q(db);
            const bool ok
                = q.exec(pg ? QStringLiteral("LOCK TABLE ks_chain_head IN ROW EXCLUSIVE MODE NOWAIT")
                            : QStringLiteral("UPDATE ks_chain_head SET last_seq = last_seq WHERE id = 1"));
            const QString error = q.lastError().text();
            q.finish();
            db.rollback();
            if (!ok)
                return CoreError::make(CoreError::Code::Io, error);
            return {};
        });
        if (!writable) {
            add(check(QStringLiteral("journal"), title, Outcome::Fail,
                      Doctor::tr("%1 is not writable: %2").arg(where, writable.error().message), next));
            return;
        }
        auto verified = (*journal)->verify();
        if (!verified) {
            add(check(
                QStringLiteral("journal"), title, Outcome::Fail,
                Doctor::tr("%1: the chain cannot be checked: %2").arg(where, describe(verified.error())),
                next));
            return;
        }
        if (!verified->intact) {
            add(check(QStringLiteral("journal"), title, Outcome::Fail,
                      Doctor::tr("%1: the chain is broken: %2").arg(where, verified->toString()),
                      Doctor::tr("Tell a supervisor (keystation-cli log verify; docs/journal.md) before "
                                 "provisioning more keys.")));
            return;
        }
        add(check(
            QStringLiteral("journal"), title, Outcome::Ok,
            Doctor::tr("%1: writable, chain intact (records: %2)").arg(where).arg(verified->eventsChecked)));
    }

    void disk()
    {
        const QString title = Doctor::tr("Disk space");
        if (m_config.journal.backend != JournalConfig::Backend::Sqlite) {
            add(check(QStringLiteral("disk"), title, Outcome::Skipped,
                      Doctor::tr("the journal is on a PostgreSQL server: check its disk there")));
            return;
        }
        QFileInfo dir(QFileInfo(sqlitePath()).absolutePath());
        while (!dir.exists() && !dir.isRoot())
            dir = QFileInfo(dir.absolutePath());
        const QStorageInfo storage(dir.absoluteFilePath());
        if (!storage.isValid()) {
            add(check(QStringLiteral("disk"), title, Outcome::Warn,
                      Doctor::tr("cannot tell the free space at %1").arg(dir.absoluteFilePath()),
                      Doctor::tr("Check it by hand: df -h %1").arg(dir.absoluteFilePath())));
            return;
        }
        const qint64 free = storage.bytesAvailable();
        const QString text
            = Doctor::tr("%1 GiB free at %2 (the journal's file system)").arg(gib(free), storage.rootPath());
        const QString next
            = Doctor::tr("Free space on %1: the journal stops the station when it cannot write.")
                  .arg(storage.rootPath());
        if (free < Doctor::diskFailBytes)
            add(check(QStringLiteral("disk"), title, Outcome::Fail, text, next));
        else if (free < Doctor::diskWarnBytes)
            add(check(QStringLiteral("disk"), title, Outcome::Warn, text, next));
        else
            add(check(QStringLiteral("disk"), title, Outcome::Ok, text));
    }

    void sound()
    {
        if (m_config.soundCheck) {
            add(m_config.soundCheck());
            return;
        }
        add(check(
            QStringLiteral("sound"), Doctor::tr("Sound"), Outcome::Skipped,
            Doctor::tr("keystation-cli plays no sound; the desktop station checks its sound output when "
                       "it starts")));
    }

    const DoctorConfig &m_config;
    QList<DoctorCheck> m_checks;
    std::optional<Profile> m_profile;
    std::shared_ptr<device::Pkcs11Module> m_module;
    int m_readers = -1;
    std::optional<ca::CaSettings> m_settings;
    bool m_caReached = false;
    QList<QSslCertificate> m_caCertificates;
};

} // namespace

QString DoctorCheck::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
        return QStringLiteral("ok");
    case Outcome::Warn:
        return QStringLiteral("warn");
    case Outcome::Fail:
        return QStringLiteral("fail");
    case Outcome::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QJsonObject DoctorCheck::toJson() const
{
    return QJsonObject {
        { QStringLiteral("id"), id },
        { QStringLiteral("title"), title },
        { QStringLiteral("status"), outcomeName(outcome) },
        { QStringLiteral("detail"), detail },
        { QStringLiteral("next"), nextStep },
    };
}

QList<DoctorCheck> Doctor::run(const DoctorConfig &config)
{
    return Run(config).all();
}

bool Doctor::anyFailed(const QList<DoctorCheck> &checks)
{
    return std::any_of(checks.cbegin(), checks.cend(),
                       [](const DoctorCheck &c) { return c.outcome == DoctorCheck::Outcome::Fail; });
}

Doctor::OpenScLimits Doctor::openScLimits(const QString &confPath)
{
    OpenScLimits limits;
    QFile file(confPath);
    if (!file.open(QIODevice::ReadOnly))
        return limits;
    limits.source = confPath;
    static const QRegularExpression setting(
        QStringLiteral("^\\s*(max_virtual_slots|slots_per_card)\\s*=\\s*(\\d+)\\s*;"));
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine());
        const auto match = setting.match(line);
        if (!match.hasMatch())
            continue;
        const int value = match.captured(2).toInt();
        if (value <= 0)
            continue;
        if (match.captured(1) == QLatin1String("max_virtual_slots"))
            limits.maxVirtualSlots = value;
        else
            limits.slotsPerCard = value;
    }
    return limits;
}

} // namespace ks::core
