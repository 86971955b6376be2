#pragma once

#include <QString>

namespace Callvia::Services {

// Hashes passwords with PBKDF2-HMAC-SHA256 (OpenSSL) and a random 16-byte salt per password.
// The result describes itself: "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>", so the
// parameters can be raised later and old hashes still verify (needsRehash tells when to upgrade).
class PasswordHasher final
{
public:
    static constexpr int DefaultIterations = 600'000; // OWASP 2023 floor for PBKDF2-HMAC-SHA256
    static constexpr int MinimumIterations = 1'000; // tests only; production uses the default

    explicit PasswordHasher(int iterations = DefaultIterations);

    int iterations() const { return m_iterations; }
    QString hash(const QString &password) const;
    // Constant-time comparison; false for anything malformed.
    bool verify(const QString &password, const QString &stored) const;
    // True when `stored` used weaker parameters (or another scheme) than this hasher.
    bool needsRehash(const QString &stored) const;
    // Frees OpenSSL's per-thread state (its error queue) now. For tasks on a shared thread pool:
    // OpenSSL frees it when the thread exits, but a pooled thread outlives the task, and LSan
    // at process exit then finds the state unreferenced (tst_logindialog, 4 runs in 60 under
    // load). OpenSSL allocates it again if the thread uses it later.
    static void releaseThreadState();
    // PostgreSQL's SCRAM-SHA-256 verifier for a login role's password (RFC 5802/7677, the form
    // ALTER ROLE ... PASSWORD accepts pre-hashed), so the plain password never reaches the server.
    static QString scramVerifier(const QString &password, int iterations = 4096);

private:
    int m_iterations;
};

// The minimum password policy, checked wherever a password is set. Empty = acceptable,
// otherwise a sentence saying what is wrong (never containing the password).
struct PasswordPolicy
{
    static constexpr int MinimumLength = 12;
    static QString check(const QString &username, const QString &password);
};

} // namespace Callvia::Services
