// UserStore in the shared sqlite file (table presence_users). Saves go to a
// worker thread, which writes them in batches (one transaction each), so no
// request or timer ever waits for the disk; loads read the pending saves
// first, then the file.
#pragma once

#include "user_store.hpp"

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

struct sqlite3;

namespace portunus::presence {

class SqliteUserStore final : public UserStore {
public:
    using ErrorLog = std::function<void(const std::string &)>;
    // Takes ownership of both connections (one writes on the worker, one reads).
    // Throws std::runtime_error when the table cannot be created.
    SqliteUserStore(sqlite3 *writer, sqlite3 *reader, ErrorLog log_error);
    ~SqliteUserStore() override; // writes what is pending, then closes

    std::optional<UserRecord> load(const std::string &user) const override;
    void save(const UserRecord &record) override;

private:
    void run();
    void write(const std::map<std::string, UserRecord> &batch);

    sqlite3 *writer_;
    sqlite3 *reader_;
    ErrorLog log_error_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::string, UserRecord> pending_; // latest save per user
    bool stopping_ = false;
    mutable std::mutex read_mutex_;
    std::thread worker_;
};

} // namespace portunus::presence
