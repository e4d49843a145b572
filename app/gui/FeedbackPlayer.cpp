#include "FeedbackPlayer.h"

#include <QLoggingCategory>
#include <QSoundEffect>
#include <QTextToSpeech>

Q_LOGGING_CATEGORY(lcFeedback, "ks.app.feedback")

namespace ks::app {

FeedbackPlayer::FeedbackPlayer(QObject *parent)
    : QObject(parent)
{ }

FeedbackPlayer::~FeedbackPlayer() = default;

void FeedbackPlayer::setSpeechEnabled(bool on)
{
    m_speech = on;
    if (on && !m_tts) {
        m_tts = new QTextToSpeech(this);
        connect(m_tts, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
            if (state == QTextToSpeech::Error)
                qCInfo(lcFeedback) << "speech unavailable:" << m_tts->errorString();
        });
    }
}

void FeedbackPlayer::success(const QString &spoken)
{
    if (m_sounds) {
        if (!m_ok) {
            m_ok = new QSoundEffect(this);
            m_ok->setSource(QUrl(QStringLiteral("qrc:/sounds/success.wav")));
        }
        m_ok->play();
    }
    say(spoken);
}

void FeedbackPlayer::failure(const QString &spoken)
{
    if (m_sounds) {
        if (!m_fail) {
            m_fail = new QSoundEffect(this);
            m_fail->setSource(QUrl(QStringLiteral("qrc:/sounds/failure.wav")));
        }
        m_fail->play();
    }
    say(spoken);
}

void FeedbackPlayer::say(const QString &text)
{
    if (!m_speech || text.isEmpty())
        return;
    m_spoken << text;
    if (m_tts && m_tts->state() != QTextToSpeech::Error)
        m_tts->say(text); // Qt 6.4 has no queue: a newer sentence replaces the one being spoken
}

} // namespace ks::app
