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
    return state;
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
    struct Entry
    {
        const char16_t *code;
        const char *title;
    };
    // The engine's stable codes (core/ProvisioningJob.cpp); CA and certificate codes are prefixed.
    static const Entry kTitles[] = {
        { u"PinIncorrect", QT_TR_NOOP("Wrong PIN") },
        { u"PinLocked", QT_TR_NOOP("PIN locked") },
        { u"PinFinalTry", QT_TR_NOOP("PIN on its last try") },
        { u"PinCountLow", QT_TR_NOOP("Few PIN tries left") },
        { u"PinUnavailable", QT_TR_NOOP("No PIN for this key") },
        { u"KeyRemoved", QT_TR_NOOP("Key removed") },
        { u"KeySwapped", QT_TR_NOOP("Key swapped") },
        { u"Timeout", QT_TR_NOOP("No answer in time") },
        { u"Cancelled", QT_TR_NOOP("Cancelled") },
        { u"CertificateExists", QT_TR_NOOP("Certificate already there") },
        { u"ForeignCertificate", QT_TR_NOOP("Certificate of another CA or profile") },
        { u"AlgorithmUnsupported", QT_TR_NOOP("Algorithm not supported") },
        { u"ReadBackMismatch", QT_TR_NOOP("Read-back mismatch") },
        { u"SignatureInvalid", QT_TR_NOOP("Bad signature") },
        { u"ModuleUnavailable", QT_TR_NOOP("PKCS#11 module unavailable") },
        { u"DeviceError", QT_TR_NOOP("Key error") },
        { u"JournalUnavailable", QT_TR_NOOP("Log not writable") },
        { u"Interrupted", QT_TR_NOOP("Interrupted (the process ended)") },
        { u"NotInLot", QT_TR_NOOP("Not in this lot") },
        { u"AlreadyInLot", QT_TR_NOOP("Already done in this lot") },
        { u"LotComplete", QT_TR_NOOP("Lot complete") },
        { u"CaNetwork", QT_TR_NOOP("CA unreachable") },
        { u"CaTimeout", QT_TR_NOOP("CA did not answer") },
        { u"CaTls", QT_TR_NOOP("TLS to the CA failed") },
        { u"CaUnauthorized", QT_TR_NOOP("CA refused the station") },
        { u"CaCaRefused", QT_TR_NOOP("CA refused the request") },
        { u"CaHttpStatus", QT_TR_NOOP("CA error") },
        { u"CertificateUntrustedChain", QT_TR_NOOP("Certificate not trusted") },
        { u"CertificatePublicKeyMismatch", QT_TR_NOOP("Certificate for another key") },
        { u"CertificateSerialMismatch", QT_TR_NOOP("Certificate names another key") },
        { u"CertificateExpired", QT_TR_NOOP("Certificate expired") },
    };
    for (const Entry &e : kTitles)
        if (code == QString::fromUtf16(e.code))
            return tr(e.title);
    if (code.startsWith(QLatin1String("Ca")))
        return tr("CA: %1").arg(code.mid(2));
    if (code.startsWith(QLatin1String("Certificate")))
        return tr("Certificate: %1").arg(code.mid(11));
    return code.isEmpty() ? tr("Unknown") : code;
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
