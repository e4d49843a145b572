#pragma once

#include "ca_client/CaError.h"

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace ks::app::cli {

// What every command's parser shares: the usage line names "keystation-cli COMMAND" (QCommandLineParser
// prints argv[0], a build path), the exit codes close every --help, a bad option is a usage error (2), and
// old option spellings keep working for one release with a warning.

// Parses args for `command` ("provision", "ca", ...). Returns an exit code when the command is over (--help:
// printed, 0; a parse error: said on stderr, 2), nullopt when the command should run.
std::optional<int> parse(QCommandLineParser &parser, const QString &command, const QStringList &args);

// The command's help text with the usage line fixed and the exit codes appended.
QString helpText(const QCommandLineParser &parser, const QString &command);

// An old spelling kept for one release: accepted, hidden from --help, warned about when used.
void addDeprecatedOption(QCommandLineParser &parser, const QString &oldName, const QString &valueName = {});

// The value of --newName, else of the deprecated --oldName (with a one-line warning on stderr).
QString value(const QCommandLineParser &parser, const QString &newName, const QString &oldName);
bool isSet(const QCommandLineParser &parser, const QString &newName, const QString &oldName);

// Warns once on stderr that --oldName is deprecated in favour of --newName.
void warnDeprecated(const QString &oldName, const QString &newName);

// cfssl signs an unknown profile name with its default profile (24 h, no extendedKeyUsage) without saying so
// (docs/stack-facts.md). True when a certificate check failure (CA client code name) looks like that.
bool looksLikeCfsslDefaultProfile(ca::CaError::Code code);
// The hint to print then, naming the profile that was asked for ("" for cfssl's default).
QString cfsslDefaultProfileHint(const QString &profileName);

} // namespace ks::app::cli
