#pragma once

#include <QString>

#include <cstdio>

namespace Callvia::App {

class AppContext;

// `callvia --check` (issue 26): validates what a start would use without changing anything
// (no migration, no key file, no instance lock, no listener): the listen address, the database
// (opens it, its schema version against this binary's, RLS-bypassing logins), the secrets key
// against the stored secrets, each provider's webhook secret (set, and parseable where it has a
// format), the listener's public URL and trusted proxies. Writes one line per item to `out`
// ("ok", "note" or "PROBLEM") and a last line; returns 0 when a start would work, 1 otherwise.
int runConfigCheck(AppContext &context, std::FILE *out);

} // namespace Callvia::App
