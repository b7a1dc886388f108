// The reader thread: history queries on a connection of their own, so reads
// never wait behind the writer's batches (WAL readers see the last commit).
#pragma once

#include "store.hpp"
#include "work_queue.hpp"

#include <functional>
#include <memory>
#include <thread>

namespace portunus::chat {

class Reader {
public:
    using Task = std::function<void(Store &)>;
    explicit Reader(std::unique_ptr<Store> store);
    ~Reader(); // stop()
    void post(Task task) { queue_.push(std::move(task)); }
    void stop(); // runs what is queued, then joins

private:
    std::unique_ptr<Store> store_;
    WorkQueue<Task> queue_;
    std::thread thread_;
};

} // namespace portunus::chat
