// The writer thread: the only one that writes chat data. Jobs queue up while
// a transaction commits and then go in together (group commit): one
// transaction, one fsync, for the whole batch. Each job runs in its own
// savepoint, so a refused job (ChatError) leaves nothing behind and the
// others go on. A job's `done` runs on this thread after its batch has
// committed (or failed), in submission order — which is how acknowledgements
// and fan-out follow durability and sequence order.
#pragma once

#include "errors.hpp"
#include "sequencer.hpp"
#include "store.hpp"
#include "work_queue.hpp"

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace portunus::chat {

class Writer {
public:
    using Apply = std::function<void(Store &, Sequencer &)>;
    using Done = std::function<void(const std::optional<ChatError> &error)>; // nullopt = committed
    using Logger = std::function<void(const std::string &)>;

    Writer(std::unique_ptr<Store> store, uint32_t max_batch, Logger log_error);
    ~Writer(); // stop()

    // Runs `apply` now on the calling thread, before the writer starts (loading).
    void startWith(const std::function<void(Store &, Sequencer &)> &load);
    void submit(Apply apply, Done done);
    // Finishes what is queued, then joins the thread.
    void stop();
    // Transactions committed so far (each holds one batch).
    uint64_t commits() const { return commits_.load(); }

private:
    struct Job {
        Apply apply;
        Done done;
        std::optional<ChatError> error;
    };
    void run();
    void commitBatch(std::deque<Job> &batch);

    std::unique_ptr<Store> store_;
    Sequencer sequencer_;
    uint32_t max_batch_;
    Logger log_error_;

    WorkQueue<Job> queue_;
    std::atomic<uint64_t> commits_{0};
    std::thread thread_;
};

} // namespace portunus::chat
