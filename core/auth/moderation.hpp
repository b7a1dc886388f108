// Moderation state per channel, persisted in the core's sqlite file so it
// outlives restarts: bans and timeouts of users (until a time, or forever)
// and channel locks. Join tickets consult it when they are minted and
// presented; the admin API changes it (and disconnects whom it concerns).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

struct sqlite3;

namespace portunus {

class Storage;

namespace auth {

class Moderation {
public:
    enum class Kind { ban, timeout, lock };
    static constexpr int64_t kForever = 0;

    Moderation() = default;
    ~Moderation();
    Moderation(const Moderation &) = delete;
    Moderation &operator=(const Moderation &) = delete;

    bool start(const Storage &storage, std::string &error);

    // `until` (Unix seconds) or kForever. A lock concerns the channel: user "".
    void set(Kind kind, const std::string &channel_id, const std::string &user_uid, int64_t until);
    void clear(Kind kind, const std::string &channel_id, const std::string &user_uid);
    // Whether the entry exists and has not run out at `now`.
    bool active(Kind kind, const std::string &channel_id, const std::string &user_uid, int64_t now);

private:
    std::mutex mutex_; // one connection, used by one caller at a time
    sqlite3 *db_ = nullptr;
};

const char *kindName(Moderation::Kind kind);

} // namespace auth
} // namespace portunus
