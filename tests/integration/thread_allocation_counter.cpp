// The process-wide allocation hooks behind thread_allocation_counter.hpp.
// malloc and friends are replaced by functions that count (on opted-in
// threads) and forward to glibc's own implementation (__libc_malloc, ...);
// free stays glibc's, which is right for memory from either. operator new
// forwards to malloc, so C++ allocations are counted there too (and once more
// in their own counter).
#include "thread_allocation_counter.hpp"

#include <cxxabi.h>
#include <execinfo.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

extern "C" {
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *p, size_t size);
void *__libc_memalign(size_t alignment, size_t size);
}

namespace portunus::test::allocations {
namespace {

constexpr int kMaxFrames = 24;

// Constant-initialised TLS of the executable: safe to touch inside malloc.
thread_local bool t_counting = false;
thread_local bool t_in_hook = false;

std::atomic<uint64_t> g_total{0};
std::atomic<uint64_t> g_new{0};

// Distinct call stacks (by their return addresses), each with a count.
struct Site {
    uint64_t key = 0;
    uint64_t count = 0;
    size_t size = 0; // of the first allocation seen here
    int depth = 0;
    void *frames[kMaxFrames] = {};
};
std::array<Site, kMaxSites> g_sites;
size_t g_site_count = 0;
uint64_t g_untracked = 0; // allocations from stacks beyond kMaxSites
std::atomic_flag g_sites_lock = ATOMIC_FLAG_INIT;

void record(size_t size) {
    void *frames[kMaxFrames];
    int depth = backtrace(frames, kMaxFrames);
    uint64_t key = 1469598103934665603ull;
    for (int i = 0; i < depth; ++i) key = (key ^ reinterpret_cast<uintptr_t>(frames[i])) * 1099511628211ull;
    while (g_sites_lock.test_and_set(std::memory_order_acquire)) {
    }
    size_t i = 0;
    while (i < g_site_count && g_sites[i].key != key) ++i;
    if (i < g_site_count) {
        ++g_sites[i].count;
    } else if (g_site_count < kMaxSites) {
        Site &site = g_sites[g_site_count++];
        site.key = key;
        site.count = 1;
        site.size = size;
        site.depth = depth;
        std::memcpy(site.frames, frames, sizeof frames);
    } else {
        ++g_untracked;
    }
    g_sites_lock.clear(std::memory_order_release);
}

void onAllocation(size_t size) {
    if (!t_counting || t_in_hook) return;
    t_in_hook = true;
    g_total.fetch_add(1, std::memory_order_relaxed);
    record(size);
    t_in_hook = false;
}

// "binary(_ZN3foo3barEv+0x12) [0x…]" -> "foo::bar() +0x12 (binary)".
std::string readable(const char *symbol) {
    std::string s(symbol);
    size_t open = s.find('('), plus = s.find('+', open), close = s.find(')', open);
    if (open == std::string::npos || plus == std::string::npos || close == std::string::npos || plus == open + 1)
        return s;
    std::string mangled = s.substr(open + 1, plus - open - 1);
    int status = 0;
    char *demangled = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
    std::string name = status == 0 && demangled ? demangled : mangled;
    std::free(demangled);
    return name + " " + s.substr(plus, close - plus) + " (" + s.substr(0, open) + ")";
}

void *counted(size_t size) {
    g_new.fetch_add(t_counting && !t_in_hook ? 1 : 0, std::memory_order_relaxed);
    void *p = std::malloc(size ? size : 1);
    if (!p) throw std::bad_alloc();
    return p;
}

void *countedAligned(size_t size, std::align_val_t align) {
    g_new.fetch_add(t_counting && !t_in_hook ? 1 : 0, std::memory_order_relaxed);
    void *p = nullptr;
    if (posix_memalign(&p, std::max(sizeof(void *), size_t(align)), size ? size : 1) != 0) throw std::bad_alloc();
    return p;
}

} // namespace

void countAllocationsOnThisThread(bool on) { t_counting = on; }

Counts counts() { return {g_total.load(), g_new.load()}; }

void reset() {
    g_total = 0;
    g_new = 0;
    while (g_sites_lock.test_and_set(std::memory_order_acquire)) {
    }
    g_site_count = 0;
    g_untracked = 0;
    g_sites_lock.clear(std::memory_order_release);
}

std::string traces(size_t max_stacks) {
    std::vector<Site> sites;
    uint64_t untracked;
    {
        while (g_sites_lock.test_and_set(std::memory_order_acquire)) {
        }
        sites.assign(g_sites.begin(), g_sites.begin() + static_cast<std::ptrdiff_t>(g_site_count));
        untracked = g_untracked;
        g_sites_lock.clear(std::memory_order_release);
    }
    std::sort(sites.begin(), sites.end(), [](const Site &a, const Site &b) { return a.count > b.count; });
    std::vector<std::vector<std::string>> stacks;
    for (const Site &site : sites) {
        char **symbols = backtrace_symbols(site.frames, site.depth);
        std::vector<std::string> frames;
        for (int f = 1; f < site.depth; ++f) // from the malloc hook up
            frames.push_back(symbols ? readable(symbols[f]) : std::string("?"));
        std::free(symbols);
        stacks.push_back(std::move(frames));
    }
    // One line per stack: the frame that called the allocator and the
    // innermost frame of ours (portunus::) it came from.
    auto name = [](const std::string &frame) { return frame.substr(0, frame.find(" +")).substr(0, 100); };
    std::string out = std::to_string(sites.size()) + " distinct call stacks" +
                      (untracked ? " (+" + std::to_string(untracked) + " allocations from further ones)" : "") + ":\n";
    for (size_t i = 0; i < sites.size(); ++i) {
        const auto &frames = stacks[i];
        std::string caller = frames.size() > 1 ? name(frames[1]) : "?", ours;
        for (const auto &f : frames)
            if (f.find("portunus::") != std::string::npos) {
                ours = name(f);
                break;
            }
        out += "  " + std::to_string(sites[i].count) + " x " + std::to_string(sites[i].size) + " B: " + caller +
               (ours.empty() || ours == caller ? "" : "  <-  " + ours) + "\n";
    }
    for (size_t i = 0; i < sites.size() && i < max_stacks; ++i) {
        out += "stack " + std::to_string(i + 1) + " (" + std::to_string(sites[i].count) + " allocations):\n";
        for (const auto &f : stacks[i]) out += "    " + f + "\n";
    }
    return out;
}

void prepare() {
    void *frames[4];
    backtrace(frames, 4);
}

} // namespace portunus::test::allocations

using portunus::test::allocations::onAllocation;

extern "C" {
void *malloc(size_t size) {
    onAllocation(size);
    return __libc_malloc(size);
}
void *calloc(size_t count, size_t size) {
    onAllocation(count * size);
    return __libc_calloc(count, size);
}
void *realloc(void *p, size_t size) {
    onAllocation(size);
    return __libc_realloc(p, size);
}
void *memalign(size_t alignment, size_t size) {
    onAllocation(size);
    return __libc_memalign(alignment, size);
}
void *aligned_alloc(size_t alignment, size_t size) {
    onAllocation(size);
    return __libc_memalign(alignment, size);
}
int posix_memalign(void **out, size_t alignment, size_t size) {
    onAllocation(size);
    void *p = __libc_memalign(alignment, size);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}
}

using portunus::test::allocations::counted;
using portunus::test::allocations::countedAligned;

void *operator new(size_t size) { return counted(size); }
void *operator new[](size_t size) { return counted(size); }
void *operator new(size_t size, const std::nothrow_t &) noexcept {
    try {
        return counted(size);
    } catch (...) {
        return nullptr;
    }
}
void *operator new[](size_t size, const std::nothrow_t &) noexcept {
    try {
        return counted(size);
    } catch (...) {
        return nullptr;
    }
}
void *operator new(size_t size, std::align_val_t align) { return countedAligned(size, align); }
void *operator new[](size_t size, std::align_val_t align) { return countedAligned(size, align); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, size_t) noexcept { std::free(p); }
void operator delete[](void *p, size_t) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, size_t, std::align_val_t) noexcept { std::free(p); }
