#include "core/JobTypes.h"

#include <QCoreApplication>

namespace ks::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::JobStage)
};
} // namespace

QString jobStageName(JobStage stage)
{
    switch (stage) {
    case JobStage::Queued:
        return QStringLiteral("queued");
    case JobStage::Login:
        return QStringLiteral("login");
    case JobStage::FindKeyPair:
        return QStringLiteral("find-key-pair");
    case JobStage::GenerateKeyPair:
        return QStringLiteral("generate-key-pair");
    case JobStage::ReadIdentity:
        return QStringLiteral("read-identity");
    case JobStage::CreateCsr:
        return QStringLiteral("create-csr");
    case JobStage::Enrol:
        return QStringLiteral("enrol");
    case JobStage::VerifyCertificate:
        return QStringLiteral("verify-certificate");
    case JobStage::WriteCertificate:
        return QStringLiteral("write-certificate");
    case JobStage::ReadBack:
        return QStringLiteral("read-back");
    case JobStage::SetUserPin:
        return QStringLiteral("set-user-pin");
    case JobStage::Done:
        return QStringLiteral("done");
    case JobStage::Failed:
        return QStringLiteral("failed");
    case JobStage::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString jobStageTitle(JobStage stage)
{
    switch (stage) {
    case JobStage::Queued:
        return Tr::tr("Waiting");
    case JobStage::Login:
        return Tr::tr("Logging in to the key");
    case JobStage::FindKeyPair:
        return Tr::tr("Looking for a free key pair");
    case JobStage::GenerateKeyPair:
        return Tr::tr("Generating a key pair on the key");
    case JobStage::ReadIdentity:
        return Tr::tr("Reading the key's identity");
    case JobStage::CreateCsr:
        return Tr::tr("Signing the request on the key");
    case JobStage::Enrol:
        return Tr::tr("Enrolling with the CA");
    case JobStage::VerifyCertificate:
        return Tr::tr("Checking the certificate");
    case JobStage::WriteCertificate:
        return Tr::tr("Writing the certificate");
    case JobStage::ReadBack:
        return Tr::tr("Reading the certificate back");
    case JobStage::SetUserPin:
        return Tr::tr("Setting the user PIN");
    case JobStage::Done:
        return Tr::tr("Done");
    case JobStage::Failed:
        return Tr::tr("Failed");
    case JobStage::Cancelled:
        return Tr::tr("Cancelled");
    }
    return {};
}

bool isFinal(JobStage stage)
{
    return stage == JobStage::Done || stage == JobStage::Failed || stage == JobStage::Cancelled;
}

} // namespace ks::core
