#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace ks::test {

// One parsed HTTP/1.x request (header names kept as sent; look them up case-insensitively).
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    QByteArray path; // target without the query
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

} // namespace ks::test
