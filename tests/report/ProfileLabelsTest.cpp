#include "core/ProfileLoader.h"

#include <gtest/gtest.h>

#include <QJsonDocument>
#include <QJsonObject>

using namespace ks::core;

namespace {

// The profile's optional "labels" section (docs/profiles.md).
Result<Profile> loadWithLabels(const QJsonValue &labels)
{
    QJsonObject o {
        { QStringLiteral("name"), QStringLiteral("factory") },
        { QStringLiteral("pin"),
          QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                        { QStringLiteral("env"), QStringLiteral("KS_TRANSPORT_PIN") } } },
        { QStringLiteral("ca"),
          QJsonObject { { QStringLiteral("url"), QStringLiteral("https://ca.example:8888") },
                        { QStringLiteral("trustAnchorFile"), QStringLiteral("ca.pem") } } },
    };
    if (!labels.isUndefined())
        o.insert(QStringLiteral("labels"), labels);
    return ProfileLoader::parse(QJsonDocument(o).toJson(), QStringLiteral("/etc/keystation"));
}

TEST(ProfileLabels, AbsentMeansNoLabels)
{
    auto p = loadWithLabels(QJsonValue::Undefined);
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    EXPECT_TRUE(p->labelsDirectory.isEmpty());
}

TEST(ProfileLabels, DirectoryIsAcceptedAndResolvedAgainstTheProfilesFolder)
{
    auto abs = loadWithLabels(QJsonObject { { QStringLiteral("directory"), QStringLiteral("/srv/labels") } });
    ASSERT_TRUE(abs) << abs.error().toString().toStdString();
    EXPECT_EQ(abs->labelsDirectory, QStringLiteral("/srv/labels"));
    auto rel = loadWithLabels(QJsonObject { { QStringLiteral("directory"), QStringLiteral("labels") } });
    ASSERT_TRUE(rel);
    EXPECT_EQ(rel->labelsDirectory, QStringLiteral("/etc/keystation/labels"));
}

TEST(ProfileLabels, UnknownFieldInsideLabelsIsNamed)
{
    auto p = loadWithLabels(QJsonObject { { QStringLiteral("directory"), QStringLiteral("/srv/labels") },
                                          { QStringLiteral("xyz"), 1 } });
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, CoreError::Code::ProfileUnknownField);
    EXPECT_EQ(p.error().field, QStringLiteral("labels.xyz"));
    EXPECT_TRUE(p.error().message.contains(QStringLiteral("labels.xyz"))) << p.error().message.toStdString();
}

TEST(ProfileLabels, WrongShapesAreRefused)
{
    auto notObject = loadWithLabels(QStringLiteral("/srv/labels"));
    ASSERT_FALSE(notObject);
    EXPECT_EQ(notObject.error().code, CoreError::Code::ProfileWrongType);
    EXPECT_EQ(notObject.error().field, QStringLiteral("labels"));

    auto missing = loadWithLabels(QJsonObject {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, CoreError::Code::ProfileMissingField);
    EXPECT_EQ(missing.error().field, QStringLiteral("labels.directory"));

    auto empty = loadWithLabels(QJsonObject { { QStringLiteral("directory"), QStringLiteral(" ") } });
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, CoreError::Code::ProfileInvalidValue);

    auto number = loadWithLabels(QJsonObject { { QStringLiteral("directory"), 3 } });
    ASSERT_FALSE(number);
    EXPECT_EQ(number.error().code, CoreError::Code::ProfileWrongType);
}

} // namespace
