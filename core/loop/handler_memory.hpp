// Preallocated memory for the completion handlers of a few long-lived asio
// operations (Asio's "custom allocation" idiom), so re-arming them on every
// event never reaches the heap. A handler bound with bindHandler() allocates
// from `slots`; if every slot is busy it falls back to operator new.
#pragma once

#include <array>
#include <cstddef>
#include <new>
#include <utility>

namespace portunus {

template <size_t Slots = 4, size_t Size = 256>
class HandlerMemory {
public:
    void *allocate(size_t size) {
        if (size <= Size)
            for (size_t i = 0; i < Slots; ++i)
                if (!used_[i]) {
                    used_[i] = true;
                    return storage_[i].data();
                }
        return ::operator new(size);
    }
    void deallocate(void *p) {
        for (size_t i = 0; i < Slots; ++i)
            if (p == storage_[i].data()) {
                used_[i] = false;
                return;
            }
        ::operator delete(p);
    }

private:
    struct alignas(std::max_align_t) Slot : std::array<unsigned char, Size> {};
    std::array<Slot, Slots> storage_;
    std::array<bool, Slots> used_{};
};

template <typename T, typename Memory>
class HandlerAllocator {
public:
    using value_type = T;
    explicit HandlerAllocator(Memory &memory) : memory_(&memory) {}
    template <typename U>
    HandlerAllocator(const HandlerAllocator<U, Memory> &other) : memory_(other.memory()) {}
    T *allocate(size_t n) { return static_cast<T *>(memory_->allocate(sizeof(T) * n)); }
    void deallocate(T *p, size_t) { memory_->deallocate(p); }
    Memory *memory() const { return memory_; }
    bool operator==(const HandlerAllocator &o) const { return memory_ == o.memory_; }
    bool operator!=(const HandlerAllocator &o) const { return memory_ != o.memory_; }

private:
    Memory *memory_;
};

template <typename Handler, typename Memory>
class AllocatingHandler {
public:
    using allocator_type = HandlerAllocator<Handler, Memory>;
    AllocatingHandler(Memory &memory, Handler h) : memory_(memory), handler_(std::move(h)) {}
    allocator_type get_allocator() const noexcept { return allocator_type(memory_); }
    template <typename... Args>
    void operator()(Args &&...args) {
        handler_(std::forward<Args>(args)...);
    }

private:
    Memory &memory_;
    Handler handler_;
};

template <typename Memory, typename Handler>
AllocatingHandler<Handler, Memory> bindHandler(Memory &memory, Handler h) {
    return AllocatingHandler<Handler, Memory>(memory, std::move(h));
}

} // namespace portunus
