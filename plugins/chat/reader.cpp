#include "reader.hpp"

namespace portunus::chat {

Reader::Reader(std::unique_ptr<Store> store) : store_(std::move(store)) {
    thread_ = std::thread([this] {
        std::deque<Task> tasks;
        while (queue_.take(tasks, 16)) {
            for (auto &task : tasks) task(*store_);
            tasks.clear();
        }
    });
}

Reader::~Reader() { stop(); }

void Reader::stop() {
    queue_.close();
    if (thread_.joinable()) thread_.join();
}

} // namespace portunus::chat
