#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace ks::test {

// Runs the built keystation-cli as a child process (what an administrator or a script does) and keeps
// everything it printed.
class CliRunner
{
public:
    struct Run
    {
        int exitCode = -1; // -1: crashed or timed out
        QByteArray out;
        QByteArray err;
        QByteArray all() const { return out + err; }
    };

    explicit CliRunner(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment())
        : m_environment(std::move(environment))
    { }

    QProcessEnvironment &environment() { return m_environment; }
    Run run(const QStringList &args, int timeoutMs = 120000) const;

    static QString path();

private:
    QProcessEnvironment m_environment;
};

} // namespace ks::test
