#pragma once

namespace ks::app {

// Ends the Qt event loop on SIGINT/SIGTERM for long-running commands (watch, continuous provisioning). The
// handler only sets a flag; a timer in the event loop notices it (async-signal safety).
class CliSignals
{
public:
    static void quitEventLoopOnSignal();
    // Only records the signal; the caller polls interrupted() and winds down in its own way.
    static void install();
    static bool interrupted();
};

} // namespace ks::app
