#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace ks::app {

// A coloured strip over the bench's tiles that says how the batch went (or why it did not start): never a
// dialog to dismiss. An icon and a word besides the colour; it stays until closed or the next batch starts.
class BatchBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Tone
    {
        Good, // green: every key new and done
        Attention, // amber: something needs a person (no key was new, keys refused, skipped)
        Bad, // red: keys failed, or the batch did not start
    };

    explicit BatchBanner(QWidget *parent = nullptr);

    void showMessage(Tone tone, const QString &title, const QString &body);
    // The message without showing it (text() reads it): a hidden banner is not laid out twice.
    void setMessage(Tone tone, const QString &title, const QString &body);
    void clear(); // hides it
    Tone tone() const { return m_tone; }
    QString text() const; // title and body, as shown

private:
    Tone m_tone = Tone::Good;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_body;
    QToolButton *m_close;
};

} // namespace ks::app
