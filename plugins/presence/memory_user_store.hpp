// UserStore in memory: last-seen and status text live as long as the process
// (the plugin's store when "persist" is false, and the unit tests').
#pragma once

#include "user_store.hpp"

#include <mutex>
#include <unordered_map>

namespace portunus::presence {

class MemoryUserStore final : public UserStore {
public:
    std::optional<UserRecord> load(const std::string &user) const override {
        std::lock_guard lock(mutex_);
        auto it = records_.find(user);
        return it == records_.end() ? std::nullopt : std::optional<UserRecord>(it->second);
    }
    void save(const UserRecord &record) override {
        std::lock_guard lock(mutex_);
        records_[record.user] = record;
    }

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, UserRecord> records_;
};

} // namespace portunus::presence
