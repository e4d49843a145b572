#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace ks::test {

// How the EST test server misbehaves (docs/est-test-server.md lists what each mode sends).
enum class EstMode
{
    Good,
    OtherKey,
    OtherSerial,
    Untrusted,
    Expired,
    Short,
    CaTrue,
    WrongEku,
    Garbage,
    BadPkcs7,
    Truncated,
    Slow,
    WrongType,
    Http500,
    NoCte,
    Empty,
    PopFailed, // enrolment: 401 with the server's reason (a failed proof-of-possession check)
};

std::optional<EstMode> estModeFromString(const QString &name);
QString estModeName(EstMode mode);
QStringList estModeNames();

} // namespace ks::test
