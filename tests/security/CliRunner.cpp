#include "CliRunner.h"

#include <QProcess>

namespace ks::test {

QString CliRunner::path()
{
    return QStringLiteral(KS_CLI_PATH);
}

CliRunner::Run CliRunner::run(const QStringList &args, int timeoutMs) const
{
    QProcess p;
    p.setProcessEnvironment(m_environment);
    p.setStandardInputFile(QProcess::nullDevice()); // never wait for a password on a terminal
    p.start(path(), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    p.waitForFinished(5000);
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

} // namespace ks::test
