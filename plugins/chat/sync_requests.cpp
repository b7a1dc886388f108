// Catching up and acknowledging: history pages (hot window and archive),
// receipt cursors with coalesced fan-out, "read by" queries; the periodic
// sweep (archive, idle rate-limit buckets).
#include "chat_service.hpp"
#include "events.hpp"

namespace portunus::chat {

namespace {
constexpr uint64_t kMaxHistoryPage = 100;
constexpr uint64_t kDefaultHistoryPage = 50;
} // namespace

void ChatService::history(const Origin &o, const Request &r) {
    HistoryQuery q;
    q.room = r.needRoom();
    if (r.after_sequence && r.before_sequence)
        throw ChatError(kInvalidElement, "Invalid element (after_sequence and before_sequence exclude each other)");
    uint64_t limit = r.limit.value_or(kDefaultHistoryPage);
    if (limit > kMaxHistoryPage) throw ChatError(kInvalidElement, "Invalid element (limit: at most 100)");
    q.limit = static_cast<uint32_t>(limit);
    q.after = r.after_sequence;
    q.before = r.before_sequence;
    q.archive = r.archive;
    std::string viewer;
    {
        std::lock_guard lock(mutex_);
        viewer = memberName(*o.peer, q.room);
    }
    reader_->post([this, o, q, viewer](Store &store) {
        HistoryPage page;
        try {
            page = store.history(q);
        } catch (const StorageError &e) {
            plugin_.log(PORTUNUS_LOG_ERROR, std::string("history read failed: ") + e.what());
            return fail(o, ChatError(kStorageFailed, "Storage failure"));
        }
        JsonArray messages;
        for (const auto &row : page.rows) messages.push(historyItem(row, viewer));
        o.reply(success(o.transaction).add("room", q.room).raw("messages", messages.str()).add("has_more", page.has_more).str());
    });
}

void ChatService::receipt(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    if (!r.delivered && !r.read) throw ChatError(kMissingElement, "Missing element (delivered or read)");
    Cursor wanted{r.delivered.value_or(0), r.read.value_or(0)};
    std::string user;
    {
        std::lock_guard lock(mutex_);
        user = memberName(*o.peer, id);
        auto last = committed_.find(id);
        uint64_t top = last == committed_.end() ? 0 : last->second;
        if (wanted.delivered > top || wanted.read > top)
            throw ChatError(kInvalidElement, "Invalid element (receipt beyond the last sequence " + std::to_string(top) + ")");
    }
    writer_->submit([id, user, wanted](Store &store, Sequencer &) { store.saveCursor(id, user, wanted); },
                    [this, o, id, user, wanted](const std::optional<ChatError> &error) {
                        if (error) return fail(o, *error);
                        Cursor now;
                        {
                            std::lock_guard lock(mutex_);
                            now = book_.update(id, user, wanted.delivered, wanted.read);
                            if (auto delay = pacer_.schedule(id, steadyMs())) scheduleReceipts(id, *delay);
                        }
                        o.reply(success(o.transaction).add("room", id).add("delivered", now.delivered).add("read", now.read).str());
                    });
}

void ChatService::scheduleReceipts(uint64_t room, int64_t delay_ms) {
    if (stopped_) return;
    auto [it, fresh] = receipt_timers_.try_emplace(room, ReceiptTimer{this, room, 0});
    if (!fresh) return;
    const portunus_host &host = plugin_.host();
    it->second.id = host.timer_start(
        &host, nullptr, static_cast<uint32_t>(delay_ms), 0,
        [](void *user) {
            auto *t = static_cast<ReceiptTimer *>(user);
            t->service->flushReceipts(t->room);
        },
        &it->second);
}

void ChatService::flushReceipts(uint64_t id) {
    std::vector<Recipient> to;
    std::vector<UserCursor> changed;
    {
        std::lock_guard lock(mutex_);
        receipt_timers_.erase(id);
        pacer_.flushed(id, steadyMs());
        changed = book_.takePending(id);
        if (Room *room = rooms_.find(id)) to = Rooms::recipients(*room);
    }
    if (changed.empty()) return;
    JsonArray list;
    for (const auto &c : changed)
        list.push(JsonOut().add("username", c.user).add("delivered", c.cursor.delivered).add("read", c.cursor.read).str());
    sendAll(to, event("receipts", id).add("ts", wallMs()).raw("receipts", list.str()).str());
}

void ChatService::receipts(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    uint64_t sequence = r.needSequence();
    JsonArray read_by, delivered_to;
    uint64_t reads = 0, deliveries = 0;
    {
        std::lock_guard lock(mutex_);
        memberName(*o.peer, id);
        for (const auto &c : book_.reached(id, sequence)) {
            delivered_to.pushString(c.user);
            ++deliveries;
            if (c.cursor.read >= sequence) {
                read_by.pushString(c.user);
                ++reads;
            }
        }
    }
    o.reply(success(o.transaction)
                .add("room", id)
                .add("sequence", sequence)
                .add("read_count", reads)
                .raw("read_by", read_by.str())
                .add("delivered_count", deliveries)
                .raw("delivered_to", delivered_to.str())
                .str());
}

void ChatService::sweepArchive() {
    {
        std::lock_guard lock(mutex_);
        limiter_.prune(steadyMs()); // users with full buckets need no memory
    }
    auto moved = std::make_shared<size_t>(0);
    int64_t cutoff = wallMs() - static_cast<int64_t>(config_.archive_after_s) * 1000;
    writer_->submit([moved, cutoff](Store &store, Sequencer &) { *moved = store.archiveOlderThan(cutoff); },
                    [this, moved](const std::optional<ChatError> &error) {
                        if (!error && *moved)
                            plugin_.log(PORTUNUS_LOG_INFO, "moved " + std::to_string(*moved) + " messages to the archive");
                    });
}

} // namespace portunus::chat
