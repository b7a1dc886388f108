// Where a user's last-seen time and status text outlive the process. The
// plugin's is SqliteUserStore; unit tests use a map.
#pragma once

#include "presence_types.hpp"

#include <optional>
#include <string>

namespace portunus::presence {

class UserStore {
public:
    virtual ~UserStore() = default;
    // The record last saved for `user`, if any (saves not yet written included).
    virtual std::optional<UserRecord> load(const std::string &user) const = 0;
    // Never blocks on the disk: writes may happen later, in order per user.
    virtual void save(const UserRecord &record) = 0;
};

} // namespace portunus::presence
