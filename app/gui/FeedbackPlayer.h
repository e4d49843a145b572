#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class QSoundEffect;
class QTextToSpeech;

namespace ks::app {

// The operator's ears: a short sound per finished key and, optionally, a spoken sentence ("Key 3 failed:
// wrong PIN"). Without an audio device or speech engine both fail silently (docs/stack-facts.md); nothing
// here waits for audio.
class FeedbackPlayer : public QObject
{
    Q_OBJECT

public:
    explicit FeedbackPlayer(QObject *parent = nullptr);
    ~FeedbackPlayer() override;

    void setSoundsEnabled(bool on) { m_sounds = on; }
    void setSpeechEnabled(bool on);
    bool soundsEnabled() const { return m_sounds; }
    bool speechEnabled() const { return m_speech; }

    void success(const QString &spoken);
    void failure(const QString &spoken);
    QStringList spoken() const { return m_spoken; } // what was (or, without an engine, would have been) said

private:
    void say(const QString &text);

    bool m_sounds = true;
    bool m_speech = false;
    QSoundEffect *m_ok = nullptr;
    QSoundEffect *m_fail = nullptr;
    QPointer<QTextToSpeech> m_tts;
    QStringList m_spoken;
};

} // namespace ks::app
