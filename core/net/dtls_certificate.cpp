#include "net/dtls_certificate.hpp"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <fmt/format.h>

#include <cstdio>

namespace portunus::net {

namespace {
std::string opensslError() {
    unsigned long e = ERR_get_error();
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return e ? buf : "unknown OpenSSL error";
}
} // namespace

DtlsCertificate::DtlsCertificate(X509 *cert, EVP_PKEY *key)
    : cert_(cert), key_(key), fingerprint_(fingerprintOf(cert)) {}

DtlsCertificate::~DtlsCertificate() {
    X509_free(cert_);
    EVP_PKEY_free(key_);
}

std::string DtlsCertificate::fingerprintOf(X509 *cert) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    X509_digest(cert, EVP_sha256(), md, &len);
    std::string out;
    for (unsigned i = 0; i < len; ++i) out += fmt::format("{}{:02X}", i ? ":" : "", md[i]);
    return out;
}

std::unique_ptr<DtlsCertificate> DtlsCertificate::generate(std::string &error) {
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert = X509_new();
    if (!key || !cert) {
        error = "cannot create a DTLS key: " + opensslError();
        EVP_PKEY_free(key);
        X509_free(cert);
        return nullptr;
    }
    X509_set_version(cert, 2);
    uint64_t serial = 0;
    RAND_bytes(reinterpret_cast<unsigned char *>(&serial), sizeof serial);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), serial >> 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -24 * 3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 30 * 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("portunus"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    if (!X509_sign(cert, key, EVP_sha256())) {
        error = "cannot sign the DTLS certificate: " + opensslError();
        EVP_PKEY_free(key);
        X509_free(cert);
        return nullptr;
    }
    return std::unique_ptr<DtlsCertificate>(new DtlsCertificate(cert, key));
}

std::unique_ptr<DtlsCertificate> DtlsCertificate::load(const std::string &cert_pem, const std::string &key_pem,
                                                       std::string &error) {
    FILE *cf = std::fopen(cert_pem.c_str(), "r");
    X509 *cert = cf ? PEM_read_X509(cf, nullptr, nullptr, nullptr) : nullptr;
    if (cf) std::fclose(cf);
    FILE *kf = std::fopen(key_pem.c_str(), "r");
    EVP_PKEY *key = kf ? PEM_read_PrivateKey(kf, nullptr, nullptr, nullptr) : nullptr;
    if (kf) std::fclose(kf);
    if (!cert || !key || X509_check_private_key(cert, key) != 1) {
        error = fmt::format("cannot use DTLS certificate {} with key {}: {}", cert_pem, key_pem,
                            !cert ? "unreadable certificate" : !key ? "unreadable key" : "key does not match");
        X509_free(cert);
        EVP_PKEY_free(key);
        return nullptr;
    }
    return std::unique_ptr<DtlsCertificate>(new DtlsCertificate(cert, key));
}

} // namespace portunus::net
