// The server's DTLS identity: an ECDSA P-256 key and certificate, generated at
// start or loaded from PEM files, and its SHA-256 fingerprint for our SDP.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace portunus::net {

class DtlsCertificate {
public:
    // A fresh self-signed certificate (valid 30 days).
    static std::unique_ptr<DtlsCertificate> generate(std::string &error);
    static std::unique_ptr<DtlsCertificate> load(const std::string &cert_pem, const std::string &key_pem,
                                                 std::string &error);
    ~DtlsCertificate();

    X509 *certificate() const { return cert_; }
    EVP_PKEY *key() const { return key_; }
    // "AB:CD:…", as in a=fingerprint:sha-256.
    const std::string &fingerprint() const { return fingerprint_; }

    // The SHA-256 fingerprint of any certificate, in the same form.
    static std::string fingerprintOf(X509 *cert);

private:
    DtlsCertificate(X509 *cert, EVP_PKEY *key);
    X509 *cert_;
    EVP_PKEY *key_;
    std::string fingerprint_;
};

} // namespace portunus::net
