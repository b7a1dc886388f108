// The store and its writer on a real sqlite file: group commit, sequences
// without gaps when jobs are refused, idempotent lookups, history paging,
// edits and tombstones, the archive, receipt cursors.
#include "sequencer.hpp"
#include "store.hpp"
#include "writer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <future>

using namespace portunus::chat;

namespace {

class ChatStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("chat-store-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        std::filesystem::remove(path_);
    }
    void TearDown() override {
        for (const char *suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
    }
    std::unique_ptr<Store> open() {
        sqlite3 *db = nullptr;
        EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
        return std::make_unique<Store>(db);
    }
    // Runs one message through the writer; returns its error code (0 = committed) and row.
    static std::pair<int, MessageRow> write(Writer &w, MessageRow row, bool refuse = false) {
        std::promise<std::pair<int, MessageRow>> done;
        w.submit(
            [&row, refuse](Store &store, Sequencer &seq) {
                row.sequence = seq.next(row.room);
                row.id = store.insert(row);
                if (refuse) throw ChatError(kNoSuchMessage, "refused after writing");
            },
            [&](const std::optional<ChatError> &error) { done.set_value({error ? error->code() : 0, row}); });
        return done.get_future().get();
    }
    static MessageRow message(uint64_t room, std::string text, int64_t ts = 1000) {
        MessageRow r;
        r.room = room;
        r.kind = "message";
        r.sender = "alice";
        r.text = std::move(text);
        r.ts_ms = ts;
        return r;
    }
    std::filesystem::path path_;
};

} // namespace

TEST(ChatSequencer, RollbackTakesNumbersBack) {
    Sequencer s;
    s.load(1, 10);
    EXPECT_EQ(s.next(1), 11u);
    size_t mark = s.mark();
    EXPECT_EQ(s.next(1), 12u);
    EXPECT_EQ(s.next(2), 1u);
    s.rollbackTo(mark);
    EXPECT_EQ(s.last(1), 11u);
    EXPECT_EQ(s.last(2), 0u);
    EXPECT_EQ(s.next(1), 12u);
}

TEST_F(ChatStoreTest, RefusedJobsLeaveNoRowAndNoGap) {
    Writer w(open(), 64, [](const std::string &) {});
    w.startWith([](Store &, Sequencer &) {});
    EXPECT_EQ(write(w, message(1, "a")).second.sequence, 1u);
    EXPECT_EQ(write(w, message(1, "refused"), true).first, kNoSuchMessage);
    EXPECT_EQ(write(w, message(1, "b")).second.sequence, 2u);
    w.stop();
    HistoryPage page = open()->history({1, 0, std::nullopt, 10, false});
    ASSERT_EQ(page.rows.size(), 2u);
    EXPECT_EQ(page.rows[1].text, "b");
}

TEST_F(ChatStoreTest, WritesQueuedDuringACommitGoInOneGroupInOrder) {
    constexpr uint32_t kBatch = 8;
    constexpr int kQueued = 100;
    Writer w(open(), kBatch, [](const std::string &) {});
    w.startWith([](Store &, Sequencer &) {});
    // The first job holds the writer inside its transaction while the others queue.
    std::promise<void> release, holding;
    w.submit([&](Store &, Sequencer &) {
                 holding.set_value();
                 release.get_future().wait();
             },
             [](const std::optional<ChatError> &) {});
    holding.get_future().wait();
    std::vector<int> order;
    std::promise<void> all;
    for (int i = 0; i < kQueued; ++i)
        w.submit([](Store &store, Sequencer &seq) {
                     MessageRow r = message(3, "x");
                     r.sequence = seq.next(3);
                     store.insert(r);
                 },
                 [&, i](const std::optional<ChatError> &error) {
                     EXPECT_FALSE(error);
                     order.push_back(i);
                     if (order.size() == kQueued) all.set_value();
                 });
    release.set_value();
    all.get_future().get();
    for (int i = 0; i < kQueued; ++i) EXPECT_EQ(order[static_cast<size_t>(i)], i);
    // One commit for the holder, then full groups: ceil(100 / 8) = 13.
    EXPECT_EQ(w.commits(), 1u + (kQueued + kBatch - 1) / kBatch);
    w.stop();
    auto last = open()->lastSequences();
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0], (std::pair<uint64_t, uint64_t>{3, kQueued}));
}

TEST_F(ChatStoreTest, ClientMsgIdFindsTheOriginalAndSequencesAreUniquePerRoom) {
    auto store = open();
    MessageRow r = message(1, "once");
    r.sequence = 1;
    r.client_msg_id = "m1";
    r.id = store->insert(r);
    auto found = store->findByClientId(1, "alice", "m1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, r.id);
    EXPECT_FALSE(store->findByClientId(1, "bob", "m1"));
    r.sequence = 2;
    EXPECT_THROW(store->insert(r), StorageError); // unique per room and sender
    r.client_msg_id.clear();
    r.sequence = 1;
    EXPECT_THROW(store->insert(r), StorageError); // a sequence is unique per room
    r.room = 2;
    EXPECT_NO_THROW(store->insert(r));
}

TEST_F(ChatStoreTest, HistoryEditsTombstonesAndArchive) {
    auto store = open();
    for (uint64_t s = 1; s <= 5; ++s) {
        MessageRow r = message(1, "m" + std::to_string(s), s <= 3 ? 100 : 5000);
        r.sequence = s;
        store->insert(r);
    }
    store->markEdited(1, 2, "edited");
    store->markDeleted(1, 3);
    EXPECT_EQ(store->archiveOlderThan(1000), 3u);
    EXPECT_EQ(store->history({1, 0, std::nullopt, 10, false}).rows.size(), 2u);
    HistoryPage all = store->history({1, 0, std::nullopt, 10, true});
    ASSERT_EQ(all.rows.size(), 5u);
    EXPECT_EQ(all.rows[1].text, "edited");
    EXPECT_TRUE(all.rows[1].edited);
    EXPECT_TRUE(all.rows[2].deleted);
    EXPECT_EQ(all.rows[2].text, "");
    store->markEdited(1, 1, "edited in the archive");
    EXPECT_EQ(store->find(1, 1)->text, "edited in the archive");
    HistoryPage back = store->history({1, std::nullopt, 5, 2, true});
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(back.rows[0].sequence, 3u);
    EXPECT_TRUE(back.has_more);
    EXPECT_EQ(store->lastSequences()[0].second, 5u);
}

TEST_F(ChatStoreTest, CursorsOnlyMoveForward) {
    auto store = open();
    store->saveCursor(1, "a", Cursor{5, 2});
    store->saveCursor(1, "a", Cursor{3, 4});
    store->saveCursor(1, "a", Cursor{0, 6});
    auto cursors = store->cursors();
    ASSERT_EQ(cursors.size(), 1u);
    EXPECT_EQ(cursors[0].second, (Cursor{6, 6}));
}
