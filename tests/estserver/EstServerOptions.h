#pragma once

#include "EstMode.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace ks::test {

// Command line of ks-est-testserver (docs/est-test-server.md).
struct EstServerOptions
{
    quint16 port = 0;
    QString caCertPath;
    QString caKeyPath;
    QString chainPath;
    QString tlsCertPath;
    QString tlsKeyPath;
    QString untrustedCaCertPath;
    QString untrustedCaKeyPath;
    QString clientCaPath;
    QString basicUser;
    QString basicPassword;
    bool basicAuth = false;
    QString label;
    int pending = 0;
    QString challenge;
    EstMode mode = EstMode::Good;
    EstMode cacertsMode = EstMode::Good;
    int days = 365;
    QStringList ekus;
    int slowMs = 30000;
    QString issuedLogPath;
    QString cacertsPath; // /cacerts answers exactly these certificates (default: --ca-cert + --chain)
    bool enrollChain = false; // enrolment answers carry the /cacerts certificates after the leaf
    QByteArray csrattrsBody; // non-empty: /csrattrs answers 200 application/csrattrs with these bytes

    // Parses arguments (without the program name); on failure returns nullopt and sets *error.
    static std::optional<EstServerOptions> parse(const QStringList &arguments, QString *error);
    static QString usage();
};

} // namespace ks::test
