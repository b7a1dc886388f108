#include "auth/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <array>

namespace portunus::auth {

namespace {

constexpr std::string_view kUrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

int urlValue(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

std::string hmac(const EVP_MD *md, std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int size = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
         data.size(), out.data(), &size);
    return std::string(reinterpret_cast<const char *>(out.data()), size);
}

bool headerIsHs256(std::string_view header_json) {
    rapidjson::Document d;
    d.Parse(header_json.data(), header_json.size());
    if (d.HasParseError() || !d.IsObject()) return false;
    auto alg = d.FindMember("alg");
    return alg != d.MemberEnd() && alg->value.IsString() && std::string_view(alg->value.GetString()) == "HS256";
}

} // namespace

std::string base64UrlEncode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kUrlAlphabet[(acc >> bits) & 0x3f]);
        }
    }
    if (bits > 0) out.push_back(kUrlAlphabet[(acc << (6 - bits)) & 0x3f]);
    return out;
}

std::optional<std::string> base64UrlDecode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        int v = urlValue(c);
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return out;
}

std::string base64Encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                            reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(n));
    return out;
}

std::string hmacSha256(std::string_view key, std::string_view data) { return hmac(EVP_sha256(), key, data); }
std::string hmacSha1(std::string_view key, std::string_view data) { return hmac(EVP_sha1(), key, data); }

std::string signJwt(std::string_view payload_json, std::string_view secret) {
    std::string input = base64UrlEncode(kHeader) + "." + base64UrlEncode(payload_json);
    return input + "." + base64UrlEncode(hmacSha256(secret, input));
}

JwtStatus verifyJwt(std::string_view token, std::string_view secret, std::string &payload_json) {
    size_t first = token.find('.');
    size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return JwtStatus::malformed;
    auto header = base64UrlDecode(token.substr(0, first));
    auto payload = base64UrlDecode(token.substr(first + 1, second - first - 1));
    auto signature = base64UrlDecode(token.substr(second + 1));
    if (!header || !payload || !signature || !headerIsHs256(*header)) return JwtStatus::malformed;
    std::string expected = hmacSha256(secret, token.substr(0, second));
    if (signature->size() != expected.size() || CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0)
        return JwtStatus::bad_signature;
    payload_json = std::move(*payload);
    return JwtStatus::ok;
}

} // namespace portunus::auth
