#include "EstServerOptions.h"

#include "TestPki.h"

#include <QHash>

namespace ks::test {

namespace {

bool toInt(const QString &text, int min, int max, int *out)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool isOid(const QString &s)
{
    const QStringList arcs = s.split(u'.');
    if (arcs.size() < 2)
        return false;
    for (const QString &arc : arcs) {
        bool ok = false;
        arc.toUInt(&ok);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QString EstServerOptions::usage()
{
    return QStringLiteral(
               "usage: ks-est-testserver --ca-cert PEM --ca-key PEM --tls-cert PEM --tls-key PEM [options]\n"
               "  --port N                 listen on 127.0.0.1:N (0 = any free port; default 0)\n"
               "  --chain PEM              extra certificates for /cacerts (e.g. the root above --ca-cert)\n"
               "  --untrusted-ca-cert PEM --untrusted-ca-key PEM   issuer for mode 'untrusted'\n"
               "  --label L                serve /.well-known/est/L/... only\n"
               "  --basic USER:PASS        require HTTP Basic for enrolment\n"
               "  --client-ca PEM          require a TLS client certificate chaining to PEM for enrolment\n"
               "  --pending N              answer 202 + Retry-After: 1 to the first N attempts per key\n"
               "  --challenge CODE         require challengePassword CODE in the CSR\n"
               "  --mode MODE              enrolment behaviour (default good)\n"
               "  --cacerts-mode MODE      /cacerts behaviour (default good)\n"
               "  --days N                 validity of issued certificates (default 365)\n"
               "  --eku OID[,OID...]       extendedKeyUsage of issued certificates (default clientAuth)\n"
               "  --slow-ms N              delay of mode 'slow' (default 30000)\n"
               "  --issued-log FILE        append '<serial hex> <subject>' per issued certificate\n"
               "  --cacerts PEM            /cacerts answers exactly these (default --ca-cert + --chain)\n"
               "  --enroll-chain yes|no    enrolment answers carry the /cacerts certificates too (default "
               "no)\n"
               "  --csrattrs TEXT          /csrattrs answers 200 with TEXT as its body (default 204)\n"
               "modes: ")
        + estModeNames().join(u", ") + u'\n';
}

std::optional<EstServerOptions> EstServerOptions::parse(const QStringList &arguments, QString *error)
{
    EstServerOptions o;
    o.ekus = { QLatin1String(OidClientAuth) };
    const QHash<QString, QString *> paths {
        { QStringLiteral("--ca-cert"), &o.caCertPath },
        { QStringLiteral("--ca-key"), &o.caKeyPath },
        { QStringLiteral("--chain"), &o.chainPath },
        { QStringLiteral("--tls-cert"), &o.tlsCertPath },
        { QStringLiteral("--tls-key"), &o.tlsKeyPath },
        { QStringLiteral("--untrusted-ca-cert"), &o.untrustedCaCertPath },
        { QStringLiteral("--untrusted-ca-key"), &o.untrustedCaKeyPath },
        { QStringLiteral("--client-ca"), &o.clientCaPath },
        { QStringLiteral("--label"), &o.label },
        { QStringLiteral("--challenge"), &o.challenge },
        { QStringLiteral("--issued-log"), &o.issuedLogPath },
        { QStringLiteral("--cacerts"), &o.cacertsPath },
    };
    const auto bad = [error](const QString &message) {
        *error = message;
        return std::nullopt;
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        if (i + 1 >= arguments.size())
            return bad(u"missing value for "_qs + arg);
        const QString value = arguments[++i];
        int number = 0;
        if (auto it = paths.find(arg); it != paths.end()) {
            **it = value;
        } else if (arg == u"--port") {
            if (!toInt(value, 0, 65535, &number))
                return bad(u"bad --port "_qs + value);
            o.port = static_cast<quint16>(number);
        } else if (arg == u"--basic") {
            const qsizetype colon = value.indexOf(u':');
            if (colon <= 0)
                return bad(QStringLiteral("--basic needs USER:PASS"));
            o.basicAuth = true;
            o.basicUser = value.left(colon);
            o.basicPassword = value.mid(colon + 1);
        } else if (arg == u"--pending") {
            if (!toInt(value, 0, 1000000, &o.pending))
                return bad(u"bad --pending "_qs + value);
        } else if (arg == u"--days") {
            if (!toInt(value, 1, 100000, &o.days))
                return bad(u"bad --days "_qs + value);
        } else if (arg == u"--slow-ms") {
            if (!toInt(value, 0, 3600000, &o.slowMs))
                return bad(u"bad --slow-ms "_qs + value);
        } else if (arg == u"--mode" || arg == u"--cacerts-mode") {
            const auto mode = estModeFromString(value);
            if (!mode)
                return bad(u"unknown mode "_qs + value);
            (arg == u"--mode" ? o.mode : o.cacertsMode) = *mode;
        } else if (arg == u"--enroll-chain") {
            if (value != u"yes" && value != u"no")
                return bad(QStringLiteral("--enroll-chain needs yes or no"));
            o.enrollChain = value == u"yes";
        } else if (arg == u"--csrattrs") {
            o.csrattrsBody = value.toUtf8();
        } else if (arg == u"--eku") {
            o.ekus = value.split(u',', Qt::SkipEmptyParts);
            for (const QString &oid : o.ekus) {
                if (!isOid(oid))
                    return bad(u"bad --eku OID "_qs + oid);
            }
        } else {
            return bad(u"unknown argument "_qs + arg);
        }
    }
    if (o.caCertPath.isEmpty() || o.caKeyPath.isEmpty() || o.tlsCertPath.isEmpty() || o.tlsKeyPath.isEmpty())
        return bad(QStringLiteral("--ca-cert, --ca-key, --tls-cert and --tls-key are required"));
    if (o.untrustedCaCertPath.isEmpty() != o.untrustedCaKeyPath.isEmpty())
        return bad(QStringLiteral("--untrusted-ca-cert and --untrusted-ca-key go together"));
    if (o.label.contains(u'/'))
        return bad(QStringLiteral("--label must not contain '/'"));
    return o;
}

} // namespace ks::test
