// The live connections of a listener, so shutdown can close them all.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace portunus {

class Closable {
public:
    virtual ~Closable() = default;
    virtual void close() = 0; // from any thread
};

class ConnectionSet {
public:
    void add(const std::shared_ptr<Closable> &c) {
        std::lock_guard lock(mutex_);
        items_[c.get()] = c;
    }
    void remove(const Closable *c) {
        std::lock_guard lock(mutex_);
        items_.erase(c);
    }
    void closeAll() {
        std::unordered_map<const Closable *, std::weak_ptr<Closable>> items;
        {
            std::lock_guard lock(mutex_);
            items.swap(items_);
        }
        for (auto &[p, w] : items)
            if (auto c = w.lock()) c->close();
    }

private:
    std::mutex mutex_;
    std::unordered_map<const Closable *, std::weak_ptr<Closable>> items_;
};

} // namespace portunus
