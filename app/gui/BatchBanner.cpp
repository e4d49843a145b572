#include "BatchBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace ks::app {

BatchBanner::BatchBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_body(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("batchBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    QFont iconFont = m_icon->font();
    iconFont.setPointSizeF(iconFont.pointSizeF() * 2.4);
    iconFont.setBold(true);
    m_icon->setFont(iconFont);
    m_icon->setAlignment(Qt::AlignCenter);
    m_icon->setMinimumWidth(QFontMetrics(iconFont).height());
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("batchBannerTitle"));
    m_title->setWordWrap(true);
    QFont bodyFont = m_body->font();
    bodyFont.setPointSizeF(bodyFont.pointSizeF() * 1.2);
    m_body->setFont(bodyFont);
    m_body->setObjectName(QStringLiteral("batchBannerBody"));
    m_body->setWordWrap(true);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse); // a label sheet's path can be copied
    auto *texts = new QVBoxLayout;
    texts->addWidget(m_title);
    texts->addWidget(m_body);
    m_close->setObjectName(QStringLiteral("batchBannerClose"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Close this message"));
    m_close->setAutoRaise(true);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &BatchBanner::clear);
    hide();
}

void BatchBanner::showMessage(Tone tone, const QString &title, const QString &body)
{
    setMessage(tone, title, body);
    show();
}

void BatchBanner::setMessage(Tone tone, const QString &title, const QString &body)
{
    m_tone = tone;
    // Colour, an icon and the title's word: never colour alone.
    const char *background = tone == Tone::Good ? "#e6f4ea" : tone == Tone::Attention ? "#fff4e0" : "#fde7e7";
    const char *edge = tone == Tone::Good ? "#1e8e3e" : tone == Tone::Attention ? "#b26a00" : "#c62828";
    setStyleSheet(QStringLiteral("#batchBanner { background: %1; border: 2px solid %2; border-radius: 6px; }"
                                 "#batchBanner QLabel { color: #202124; background: transparent; }")
                      .arg(QLatin1String(background), QLatin1String(edge)));
    m_icon->setText(tone == Tone::Good            ? QStringLiteral("✓")
                        : tone == Tone::Attention ? QStringLiteral("!")
                                                  : QStringLiteral("✗"));
    m_icon->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(edge)));
    m_title->setText(title);
    m_body->setText(body);
    m_body->setVisible(!body.isEmpty());
}

void BatchBanner::clear()
{
    m_title->clear();
    m_body->clear();
    hide();
}

QString BatchBanner::text() const
{
    if (m_body->text().isEmpty())
        return m_title->text();
    return m_title->text() + QLatin1Char(' ') + m_body->text();
}

} // namespace ks::app
