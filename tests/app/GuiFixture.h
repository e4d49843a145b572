#pragma once

#include "EngineFixture.h"
#include "MainWindow.h"

#include <QWidget>

#include <memory>

namespace ks::test {

// The engine's bench (keys, hub, cfssl, station) plus the station's window for a person of a given role.
class GuiFixture : public EngineFixture
{
protected:
    void TearDown() override;

    // Creates the account (if not the fixture's administrator) and opens a main window for it.
    app::MainWindow *openWindow(core::Role role, const QString &name = {});
    // Waits until the bench shows n tiles; false on time-out.
    bool waitForTiles(int n, int timeoutMs = 5000);
    // Saves widget->grab() as <build>/tests/app/screenshots/<name>.png; returns the path.
    static QString screenshot(QWidget *widget, const QString &name);

    std::unique_ptr<app::MainWindow> m_window;
};

} // namespace ks::test
