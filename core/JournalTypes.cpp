#include "JournalTypes.h"

#include <QCoreApplication>

namespace ks::core {

static const std::pair<JournalStep, const char16_t *> kSteps[] = {
    { JournalStep::Login, u"login" },
    { JournalStep::FindKeyPair, u"findKeyPair" },
    { JournalStep::GenerateKeyPair, u"generateKeyPair" },
    { JournalStep::ReadIdentity, u"readIdentity" },
    { JournalStep::CreateCsr, u"createCsr" },
    { JournalStep::Enrol, u"enrol" },
    { JournalStep::VerifyCertificate, u"verifyCertificate" },
    { JournalStep::WriteCertificate, u"writeCertificate" },
    { JournalStep::ReadBack, u"readBack" },
    { JournalStep::SetUserPin, u"setUserPin" },
};

QString journalStepName(JournalStep step)
{
    for (const auto &[s, name] : kSteps)
        if (s == step)
            return QString::fromUtf16(name);
    return {};
}

std::optional<JournalStep> journalStepFromName(const QString &name)
{
    for (const auto &[s, n] : kSteps)
        if (name == QString::fromUtf16(n))
            return s;
    return std::nullopt;
}

QString journalPhaseName(JournalPhase phase)
{
    switch (phase) {
    case JournalPhase::Before:
        return QStringLiteral("before");
    case JournalPhase::After:
        return QStringLiteral("after");
    case JournalPhase::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString attemptStateName(AttemptState state)
{
    switch (state) {
    case AttemptState::Running:
        return QStringLiteral("running");
    case AttemptState::Done:
        return QStringLiteral("done");
    case AttemptState::Failed:
        return QStringLiteral("failed");
    case AttemptState::Cancelled:
        return QStringLiteral("cancelled");
    case AttemptState::Interrupted:
        return QStringLiteral("interrupted");
    }
    return {};
}

QString resumeStageName(KeyResumeState::Stage stage)
{
    using S = KeyResumeState::Stage;
    switch (stage) {
    case S::Unknown:
        return QStringLiteral("unknown");
    case S::KeyPairPending:
        return QStringLiteral("keyPairPending");
    case S::KeyPairReady:
        return QStringLiteral("keyPairReady");
    case S::CertificateIssued:
        return QStringLiteral("certificateIssued");
    case S::CertificateWritten:
        return QStringLiteral("certificateWritten");
    case S::Done:
        return QStringLiteral("done");
    }
    return {};
}

QString VerifyResult::toString() const
{
    if (intact)
        return QCoreApplication::translate("ks::core::Journal", "Journal intact: %1 records verified.")
            .arg(eventsChecked);
    return QCoreApplication::translate("ks::core::Journal", "Journal BROKEN at %1 record %2: %3")
        .arg(table, recordId, reason);
}

} // namespace ks::core
