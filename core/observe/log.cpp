#include "observe/log.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace portunus::log {

std::atomic<int> g_level{static_cast<int>(Level::info)};

namespace {
std::atomic<Format> g_format{Format::text};
std::mutex g_write_mutex; // one line at a time on stderr; never taken per packet

constexpr std::array<std::string_view, 6> kNames = {"trace", "debug", "info", "warn", "error", "off"};

std::string timestamp() {
    using namespace std::chrono;
    auto now = system_clock::now();
    auto secs = time_point_cast<seconds>(now);
    auto ms = duration_cast<milliseconds>(now - secs).count();
    std::time_t t = system_clock::to_time_t(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

void appendJsonString(std::string &out, std::string_view s) {
    out.push_back('"');
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) out += fmt::format("\\u{:04x}", c);
            else out.push_back(static_cast<char>(c));
        }
    }
    out.push_back('"');
}

// The subject's non-empty fields as (JSON key, value).
template <typename F>
void forEachSubjectField(const Subject *subject, F &&f) {
    if (!subject) return;
    if (!subject->user_uid.empty()) f("user_uid", subject->user_uid);
    if (!subject->device_id.empty()) f("device_id", subject->device_id);
    if (!subject->channel_id.empty()) f("channel_id", subject->channel_id);
}

bool isSecretKey(std::string_view key) {
    static constexpr std::array<std::string_view, 9> kSecrets = {
        "admin_secret", "apisecret", "secret", "token", "pin",
        "password", "ticket", "join_ticket", "credential"};
    for (auto s : kSecrets)
        if (key == s) return true;
    return false;
}

// Index just past the JSON string starting at s[i] == '"'.
size_t skipString(std::string_view s, size_t i) {
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == '"') return i + 1;
    }
    return s.size();
}
} // namespace

bool parseLevel(std::string_view name, Level &out) {
    for (size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name) {
            out = static_cast<Level>(i);
            return true;
        }
    return false;
}

std::string_view levelName(Level level) { return kNames[static_cast<size_t>(level)]; }
void setLevel(Level level) { g_level.store(static_cast<int>(level)); }
Level level() { return static_cast<Level>(g_level.load()); }
void setFormat(Format format) { g_format.store(format); }

void write(Level level, std::string_view component, Ids ids, std::string_view message) {
    std::string line;
    line.reserve(message.size() + 96);
    if (g_format.load() == Format::json) {
        line += "{\"ts\":\"" + timestamp() + "\",\"level\":\"" + std::string(levelName(level)) +
                "\",\"component\":";
        appendJsonString(line, component);
        if (ids.session) line += fmt::format(",\"session_id\":{}", ids.session);
        if (ids.handle) line += fmt::format(",\"handle_id\":{}", ids.handle);
        forEachSubjectField(ids.subject, [&](std::string_view key, const std::string &value) {
            line += ",\"";
            line += key;
            line += "\":";
            appendJsonString(line, value);
        });
        line += ",\"msg\":";
        appendJsonString(line, message);
        line += "}\n";
    } else {
        line = fmt::format("{} {:<5} [{}]", timestamp(), levelName(level), component);
        if (ids.session) line += fmt::format(" s={}", ids.session);
        if (ids.handle) line += fmt::format(" h={}", ids.handle);
        forEachSubjectField(ids.subject, [&](std::string_view key, const std::string &value) {
            // Claims come from outside: no control character may split or forge a line.
            line += fmt::format(" {}=", key.substr(0, key.find('_')));
            for (char c : value) line.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
        });
        line += ' ';
        line += message;
        line += '\n';
    }
    std::lock_guard lock(g_write_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

std::string redact(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    size_t i = 0;
    while (i < json.size()) {
        if (json[i] != '"') {
            out.push_back(json[i++]);
            continue;
        }
        size_t end = skipString(json, i);
        std::string_view token = json.substr(i, end - i);
        out += token;
        i = end;
        size_t j = i;
        while (j < json.size() && (json[j] == ' ' || json[j] == '\t' || json[j] == '\n')) ++j;
        if (j >= json.size() || json[j] != ':' || token.size() < 2) continue;
        if (!isSecretKey(token.substr(1, token.size() - 2))) continue;
        out.append(json.substr(i, j + 1 - i));
        i = j + 1;
        while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n')) out.push_back(json[i++]);
        size_t value_end = i;
        if (value_end < json.size() && json[value_end] == '"') value_end = skipString(json, value_end);
        else
            while (value_end < json.size() && json[value_end] != ',' && json[value_end] != '}' &&
                   json[value_end] != ']')
                ++value_end;
        out += "\"***\"";
        i = value_end;
    }
    return out;
}

} // namespace portunus::log
