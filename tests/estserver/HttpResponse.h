#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace ks::test {

struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Length and Connection are added when sent
    QByteArray body;
    bool closeAfter = false; // send "Connection: close" and close once written
    bool truncate = false; // announce the full Content-Length, send half the body, close

    static HttpResponse text(int status, const QByteArray &message)
    {
        HttpResponse r;
        r.status = status;
        r.headers = { { "Content-Type", "text/plain; charset=utf-8" } };
        r.body = message + '\n';
        return r;
    }
};

} // namespace ks::test
