#include "Lot.h"

#include "PinDerivation.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ks::core {

namespace {

using Code = CoreError::Code;
constexpr qint64 maxManifestSize = 16 * 1024 * 1024; // a vendor's list of a few hundred thousand serials

} // namespace

QString lotVerdictName(LotVerdict verdict)
{
    switch (verdict) {
    case LotVerdict::Admitted:
        return QStringLiteral("admitted");
    case LotVerdict::NotInLot:
        return QStringLiteral("notInLot");
    case LotVerdict::AlreadyInLot:
        return QStringLiteral("alreadyInLot");
    case LotVerdict::LotComplete:
        return QStringLiteral("lotComplete");
    }
    return {};
}

Result<LotManifest> LotManifest::load(const QString &path)
{
    QFile f(path);
    if (path.isEmpty() || !f.exists())
        return CoreError::make(
            Code::LotInvalid,
            tr("Lot file not found: %1.").arg(path.isEmpty() ? tr("(no file name)") : path));
    if (!f.open(QIODevice::ReadOnly))
        return CoreError::make(Code::LotInvalid, tr("Cannot read the lot file %1.").arg(path), {},
                               f.errorString());
    if (f.size() > maxManifestSize)
        return CoreError::make(Code::LotInvalid, tr("The lot file %1 is larger than 16 MiB.").arg(path));
    return parse(f.read(maxManifestSize + 1), path);
}

Result<LotManifest> LotManifest::parse(const QByteArray &json, const QString &source)
{
    const QString where = source.isEmpty() ? tr("the lot") : source;
    auto fail = [&](const QString &field, const QString &message) {
        return CoreError::make(Code::LotInvalid, tr("%1: %2").arg(where, message), field);
    };
    if (json.size() > maxManifestSize)
        return fail({}, tr("larger than 16 MiB."));
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            {}, tr("not valid JSON: %1 at offset %2.").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return fail({}, tr("a lot manifest must be a JSON object."));
    const QJsonObject root = doc.object();

    static const QStringList known { QStringLiteral("id"),           QStringLiteral("profile"),
                                     QStringLiteral("quantity"),     QStringLiteral("serials"),
                                     QStringLiteral("serialRanges"), QStringLiteral("customer"),
                                     QStringLiteral("model") };
    for (auto it = root.begin(); it != root.end(); ++it)
        if (!known.contains(it.key()))
            return fail(it.key(), tr("unknown field \"%1\" (misspelt?).").arg(it.key()));

    LotManifest lot;
    auto text = [&](const QString &key, QString &out, bool required) -> std::optional<CoreError> {
        const QJsonValue v = root.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return fail(key, tr("the field \"%1\" is required.").arg(key));
            return {};
        }
        if (!v.isString())
            return fail(key, tr("the field \"%1\" must be a string.").arg(key));
        out = v.toString().trimmed();
        if (required && out.isEmpty())
            return fail(key, tr("the field \"%1\" must not be empty.").arg(key));
        return {};
    };
    for (auto [key, out, required] : { std::tuple { QStringLiteral("id"), &lot.id, true },
                                       std::tuple { QStringLiteral("profile"), &lot.profile, true },
                                       std::tuple { QStringLiteral("customer"), &lot.customer, false },
                                       std::tuple { QStringLiteral("model"), &lot.model, false } })
        if (auto e = text(key, *out, required))
            return *e;

    const QJsonValue quantity = root.value(QStringLiteral("quantity"));
    if (quantity.isUndefined() || quantity.isNull())
        return fail(QStringLiteral("quantity"), tr("the field \"quantity\" is required."));
    const double q = quantity.toDouble();
    if (!quantity.isDouble() || !std::isfinite(q) || std::floor(q) != q)
        return fail(QStringLiteral("quantity"), tr("the field \"quantity\" must be a whole number."));
    if (q < 1 || q > 10000000)
        return fail(QStringLiteral("quantity"), tr("the field \"quantity\" must be between 1 and 10000000."));
    lot.quantity = static_cast<int>(q);

    QSet<QString> seen;
    const QJsonValue serials = root.value(QStringLiteral("serials"));
    if (!serials.isUndefined() && !serials.isNull()) {
        if (!serials.isArray())
            return fail(QStringLiteral("serials"), tr("the field \"serials\" must be a list of strings."));
        const QJsonArray list = serials.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString field = QStringLiteral("serials[%1]").arg(i);
            if (!list.at(i).isString())
                return fail(field, tr("\"%1\" must be a string.").arg(field));
            const QString s = PinDerivation::normaliseSerial(list.at(i).toString());
            if (s.isEmpty())
                return fail(field, tr("\"%1\" is empty.").arg(field));
            if (seen.contains(s))
                return fail(field, tr("the serial %1 is listed twice (\"%2\").").arg(s, field));
            seen.insert(s);
            lot.serials << s;
        }
    }
    const QJsonValue ranges = root.value(QStringLiteral("serialRanges"));
    if (!ranges.isUndefined() && !ranges.isNull()) {
        if (!ranges.isArray())
            return fail(QStringLiteral("serialRanges"),
                        tr("the field \"serialRanges\" must be a list of {\"from\", \"to\"} objects."));
        const QJsonArray list = ranges.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString field = QStringLiteral("serialRanges[%1]").arg(i);
            if (!list.at(i).isObject())
                return fail(field, tr("\"%1\" must be an object with \"from\" and \"to\".").arg(field));
            const QJsonObject r = list.at(i).toObject();
            for (auto it = r.begin(); it != r.end(); ++it)
                if (it.key() != QLatin1String("from") && it.key() != QLatin1String("to"))
                    return fail(field + u'.' + it.key(),
                                tr("unknown field \"%1\" (misspelt?).").arg(field + u'.' + it.key()));
            SerialRange range;
            for (auto [key, out] : { std::pair { QStringLiteral("from"), &range.from },
                                     std::pair { QStringLiteral("to"), &range.to } }) {
                const QString f = field + u'.' + key;
                if (!r.value(key).isString())
                    return fail(f, tr("the field \"%1\" is required and must be a string.").arg(f));
                *out = PinDerivation::normaliseSerial(r.value(key).toString());
                if (out->isEmpty())
                    return fail(f, tr("\"%1\" is empty.").arg(f));
            }
            if (range.from.size() != range.to.size())
                return fail(field,
                            tr("\"%1\": from (%2) and to (%3) must have the same length.")
                                .arg(field, range.from, range.to));
            if (range.to < range.from)
                return fail(field,
                            tr("\"%1\": from (%2) is after to (%3).").arg(field, range.from, range.to));
            lot.serialRanges << range;
        }
    }
    if (lot.serials.isEmpty() && lot.serialRanges.isEmpty())
        return fail(QStringLiteral("serials"),
                    tr("the lot allows no key: give \"serials\" and/or \"serialRanges\"."));
    return lot;
}

bool LotManifest::contains(const QString &normalisedSerial) const
{
    if (normalisedSerial.isEmpty())
        return false;
    if (serials.contains(normalisedSerial))
        return true;
    return std::any_of(serialRanges.begin(), serialRanges.end(), [&](const SerialRange &r) {
        return normalisedSerial.size() == r.from.size() && r.from <= normalisedSerial
            && normalisedSerial <= r.to;
    });
}

QJsonObject LotManifest::toJson() const
{
    // QJsonObject keeps its keys sorted, so the compact form is canonical; the lists keep the file's order.
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("profile"), profile);
    o.insert(QStringLiteral("quantity"), quantity);
    if (!serials.isEmpty())
        o.insert(QStringLiteral("serials"), QJsonArray::fromStringList(serials));
    if (!serialRanges.isEmpty()) {
        QJsonArray ranges;
        for (const SerialRange &r : serialRanges)
            ranges.append(QJsonObject { { QStringLiteral("from"), r.from }, { QStringLiteral("to"), r.to } });
        o.insert(QStringLiteral("serialRanges"), ranges);
    }
    if (!customer.isEmpty())
        o.insert(QStringLiteral("customer"), customer);
    if (!model.isEmpty())
        o.insert(QStringLiteral("model"), model);
    return o;
}

QString LotManifest::sha256() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(toJson()).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha256)
            .toHex());
}

} // namespace ks::core
