// Structured logging: levels, text or JSON lines, a component tag and the
// session/handle ids of the line, with the user, device and channel of a
// handle that joined with a ticket. Secrets never reach a line: callers pass
// client JSON through redact() first.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace portunus::log {

enum class Level : int { trace = 0, debug = 1, info = 2, warn = 3, error = 4, off = 5 };
enum class Format { text, json };

// Who a handle acts for, from its join ticket's claims; "" = unknown.
struct Subject {
    std::string user_uid;
    std::string device_id;
    std::string channel_id;
};

// Ids shown on a line; 0 / null means "none". `subject` must outlive the call.
struct Ids {
    uint64_t session = 0;
    uint64_t handle = 0;
    const Subject *subject = nullptr;
};

bool parseLevel(std::string_view name, Level &out);
std::string_view levelName(Level level);

void setLevel(Level level);
void setFormat(Format format);
Level level();

inline bool enabled(Level l) {
    extern std::atomic<int> g_level;
    return static_cast<int>(l) >= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view component, Ids ids, std::string_view message);

// Replaces the values of secret-bearing keys ("admin_secret", "apisecret",
// "token", "secret", "pin", "password", "ticket", ...) in JSON text with "***".
std::string redact(std::string_view json);

template <typename... Args>
void emit(Level l, std::string_view component, Ids ids, fmt::format_string<Args...> f,
          Args &&...args) {
    if (!enabled(l)) return;
    write(l, component, ids, fmt::format(f, std::forward<Args>(args)...));
}

} // namespace portunus::log

// Trace compiles out unless PORTUNUS_LOG_TRACE is defined, so the hot path pays nothing.
#ifdef PORTUNUS_LOG_TRACE
#define PLOG_TRACE(comp, ids, ...) ::portunus::log::emit(::portunus::log::Level::trace, comp, ids, __VA_ARGS__)
#else
#define PLOG_TRACE(comp, ids, ...) ((void)0)
#endif
#define PLOG_DEBUG(comp, ids, ...) ::portunus::log::emit(::portunus::log::Level::debug, comp, ids, __VA_ARGS__)
#define PLOG_INFO(comp, ids, ...) ::portunus::log::emit(::portunus::log::Level::info, comp, ids, __VA_ARGS__)
#define PLOG_WARN(comp, ids, ...) ::portunus::log::emit(::portunus::log::Level::warn, comp, ids, __VA_ARGS__)
#define PLOG_ERROR(comp, ids, ...) ::portunus::log::emit(::portunus::log::Level::error, comp, ids, __VA_ARGS__)
