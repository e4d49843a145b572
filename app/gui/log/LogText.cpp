#include "LogText.h"

#include "core/JobTypes.h"
#include "core/JournalTypes.h"

#include <QDateTime>

namespace ks::app {

QString LogText::stateTitle(const QString &state)
{
    if (state == QLatin1String("done"))
        return tr("Done");
    if (state == QLatin1String("failed"))
        return tr("Failed");
    if (state == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (state == QLatin1String("running"))
        return tr("Running");
    if (state == QLatin1String("interrupted"))
        return tr("Interrupted");
    if (state == alreadyProvisionedState())
        return tr("Already provisioned");
    return state;
}

bool LogText::isAlreadyProvisioned(const core::AttemptRecord &a)
{
    return a.state == QLatin1String("done")
        && (a.lastStep == core::journalStepName(core::JournalStep::Login)
            || a.lastStep == core::journalStepName(core::JournalStep::FindKeyPair));
}

QString LogText::shownState(const core::AttemptRecord &a)
{
    return isAlreadyProvisioned(a) ? alreadyProvisionedState() : a.state;
}

core::AttemptFilter LogText::journalFilter(core::AttemptFilter filter)
{
    if (filter.state == alreadyProvisionedState())
        filter.state = QStringLiteral("done");
    return filter;
}

bool LogText::matches(const core::AttemptFilter &filter, const core::AttemptRecord &a)
{
    if (filter.state == alreadyProvisionedState())
        return isAlreadyProvisioned(a);
    if (filter.state == QLatin1String("done"))
        return a.state == filter.state && !isAlreadyProvisioned(a);
    return true; // the journal applied every other filter
}

QList<core::AttemptRecord> LogText::matching(const core::AttemptFilter &filter,
                                             QList<core::AttemptRecord> attempts)
{
    attempts.removeIf([&](const core::AttemptRecord &a) { return !matches(filter, a); });
    return attempts;
}

QString LogText::stepTitle(const QString &step)
{
    if (step == QLatin1String("attempt"))
        return tr("Attempt");
    if (step == QLatin1String("batch"))
        return tr("Batch");
    // A journal step is one engine stage: reuse core's translated stage titles.
    const auto journalStep = core::journalStepFromName(step);
    if (!journalStep)
        return step;
    using J = core::JournalStep;
    using S = core::JobStage;
    switch (*journalStep) {
    case J::Login:
        return core::jobStageTitle(S::Login);
    case J::FindKeyPair:
        return core::jobStageTitle(S::FindKeyPair);
    case J::GenerateKeyPair:
        return core::jobStageTitle(S::GenerateKeyPair);
    case J::ReadIdentity:
        return core::jobStageTitle(S::ReadIdentity);
    case J::CreateCsr:
        return core::jobStageTitle(S::CreateCsr);
    case J::Enrol:
        return core::jobStageTitle(S::Enrol);
    case J::VerifyCertificate:
        return core::jobStageTitle(S::VerifyCertificate);
    case J::WriteCertificate:
        return core::jobStageTitle(S::WriteCertificate);
    case J::ReadBack:
        return core::jobStageTitle(S::ReadBack);
    case J::SetUserPin:
        return core::jobStageTitle(S::SetUserPin);
    }
    return step;
}

QString LogText::phaseTitle(const QString &phase)
{
    if (phase == QLatin1String("before") || phase == QLatin1String("begin"))
        return tr("started");
    if (phase == QLatin1String("after"))
        return tr("finished");
    if (phase == QLatin1String("failed"))
        return tr("failed");
    if (phase == QLatin1String("done"))
        return tr("done");
    if (phase == QLatin1String("cancelled"))
        return tr("cancelled");
    if (phase == QLatin1String("interrupted"))
        return tr("interrupted");
    return phase;
}

QString LogText::errorTitle(const QString &code)
{
    // core's one table (core/JobError.cpp), read back from the journal's stable name.
    return code.isEmpty() ? tr("Unknown") : core::JobError::fromName(code).title();
}

QString LogText::duration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60000)
        return tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    return tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000, 2, 10, QLatin1Char('0'));
}

QString LogText::dateTime(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
              : QString();
}

QString LogText::date(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd")) : QString();
}

} // namespace ks::app
