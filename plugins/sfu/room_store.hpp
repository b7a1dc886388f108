// Permanent rooms in the server's sqlite file: table sfu_rooms (id, the
// room's settings as JSON), created when missing. Rooms from the config file
// are never written here. Calls are serialised; they run on the control
// plane only, never on a media callback.
#pragma once

#include "room_config.hpp"

#include <mutex>
#include <string>
#include <vector>

struct sqlite3;

namespace portunus::sfu {

class RoomStore {
public:
    // Takes ownership of `db` (may be null: then nothing is stored and every call fails).
    explicit RoomStore(sqlite3 *db);
    ~RoomStore();
    RoomStore(const RoomStore &) = delete;
    RoomStore &operator=(const RoomStore &) = delete;

    bool ok() const { return db_ != nullptr; }
    const std::string &error() const { return error_; }

    // Every stored room; rows that no longer parse are skipped and named in `skipped`.
    std::vector<RoomConfig> load(std::vector<std::string> &skipped);
    bool save(const RoomConfig &room);
    bool remove(uint64_t id);

private:
    bool exec(const char *sql);

    std::mutex mutex_;
    sqlite3 *db_;
    std::string error_;
};

} // namespace portunus::sfu
