#pragma once

#include <QString>

namespace Callvia::App {

// Reads one line from standard input; on a terminal it prints the prompt on stderr and turns
// echo off while the line is typed. Used for every password and secret the CLI takes.
QString readLineNoEcho(const char *prompt);

} // namespace Callvia::App
