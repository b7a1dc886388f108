#include "writer.hpp"

namespace portunus::chat {

Writer::Writer(std::unique_ptr<Store> store, uint32_t max_batch, Logger log_error)
    : store_(std::move(store)), max_batch_(max_batch), log_error_(std::move(log_error)) {}

Writer::~Writer() { stop(); }

void Writer::startWith(const std::function<void(Store &, Sequencer &)> &load) {
    load(*store_, sequencer_);
    thread_ = std::thread([this] { run(); });
}

void Writer::submit(Apply apply, Done done) { queue_.push(Job{std::move(apply), std::move(done), std::nullopt}); }

void Writer::stop() {
    queue_.close();
    if (thread_.joinable()) thread_.join();
}

void Writer::run() {
    std::deque<Job> batch;
    while (queue_.take(batch, max_batch_)) {
        commitBatch(batch);
        for (auto &job : batch) job.done(job.error);
        batch.clear();
    }
}

void Writer::commitBatch(std::deque<Job> &batch) {
    try {
        store_->begin();
        for (auto &job : batch) {
            size_t mark = sequencer_.mark();
            store_->savepoint();
            try {
                job.apply(*store_, sequencer_);
                store_->release();
            } catch (const ChatError &e) {
                job.error = e;
            } catch (const StorageError &e) {
                log_error_(std::string("a write failed: ") + e.what());
                job.error = ChatError(kStorageFailed, "Storage failure");
            }
            if (job.error) {
                store_->rollbackSavepoint();
                sequencer_.rollbackTo(mark);
            }
        }
        store_->commit();
        sequencer_.clearUndo();
        commits_.fetch_add(1);
    } catch (const StorageError &e) {
        // Nothing of this batch is on disk: every job fails, and no sequence is spent.
        log_error_(std::string("a batch failed to commit: ") + e.what());
        store_->rollback();
        sequencer_.rollbackTo(0);
        sequencer_.clearUndo();
        for (auto &job : batch) job.error = ChatError(kStorageFailed, "Storage failure");
    }
}

} // namespace portunus::chat
