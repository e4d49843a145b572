#pragma once

#include <QTextStream>

namespace ks::app {

// The CLI's two streams, shared by every command so their output interleaves in order.
QTextStream &cliOut();
QTextStream &cliErr();

} // namespace ks::app
