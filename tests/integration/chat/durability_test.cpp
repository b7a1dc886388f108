// Ordering and durability under a crash: several clients send concurrently,
// the server is killed with SIGKILL while messages are in flight, and after a
// restart on the same state every acknowledged message is in history exactly
// once, with the sequence it was acknowledged with, and sequences have no gap.
#include "chat_client.hpp"
#include "chat_server.hpp"

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace portunus::test;

namespace {

constexpr int kClients = 4;
constexpr size_t kInFlight = 16;     // requests each client keeps outstanding
constexpr size_t kKillAfterAcks = 200; // acknowledged in total before the crash

struct Acks {
    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::string, uint64_t> sequence_of; // client_msg_id -> acknowledged sequence
    std::set<std::string> sent;
};

// Sends numbered messages, keeping kInFlight outstanding, until the socket dies.
void sender(ChatClient &client, int index, Acks &acks) {
    std::map<std::string, std::string> pending; // transaction -> client_msg_id
    for (size_t n = 0;;) {
        while (pending.size() < kInFlight) {
            std::string id = "c" + std::to_string(index) + "-" + std::to_string(n++);
            {
                std::lock_guard lock(acks.mutex);
                acks.sent.insert(id);
            }
            try {
                pending[client.send(chatRequest("message", kRoom).set("text", id).set("client_msg_id", id))] = id;
            } catch (const std::runtime_error &) {
                return; // the server died under this send
            }
        }
        auto text = client.raw();
        if (!text) return; // the server is gone
        Json j = Json::parse(*text);
        if (!j.has("/transaction") || !j.has("/plugindata/data/textroom")) continue;
        auto it = pending.find(j.str("/transaction"));
        if (it == pending.end()) continue;
        Json data = j.at("/plugindata/data");
        if (isSuccess(data)) {
            std::lock_guard lock(acks.mutex);
            acks.sequence_of[it->second] = data.u64("/sequence");
            acks.changed.notify_all();
        }
        pending.erase(it);
    }
}

} // namespace

TEST(ChatDurability, EveryAcknowledgedMessageSurvivesSigkillOnceAndInOrder) {
    TempDir state("portunus-chat-crash");
    Acks acks;
    {
        ServerProcess server(chatServer("{}", state.str()));
        std::vector<std::unique_ptr<ChatClient>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<ChatClient>(server));
            clients.back()->join(kRoom, "sender" + std::to_string(i));
        }
        std::vector<std::thread> threads;
        for (int i = 0; i < kClients; ++i) threads.emplace_back([&, i] { sender(*clients[i], i, acks); });
        {
            std::unique_lock lock(acks.mutex);
            ASSERT_TRUE(acks.changed.wait_for(lock, kProcessTimeout, [&] { return acks.sequence_of.size() >= kKillAfterAcks; }));
        }
        EXPECT_EQ(server.kill(), -SIGKILL);
        for (auto &t : threads) t.join();
    }
    std::lock_guard lock(acks.mutex);
    ASSERT_GT(acks.sent.size(), acks.sequence_of.size()) << "the crash should have caught messages in flight";

    ServerProcess server(chatServer("{}", state.str()));
    ChatClient reader(server);
    reader.join(kRoom, "reader");
    std::vector<Json> history = reader.fullHistory(kRoom);
    std::map<std::string, uint64_t> found;
    for (size_t i = 0; i < history.size(); ++i) {
        ASSERT_EQ(history[i].u64("/sequence"), i + 1) << "a gap or a repeat in the sequence";
        std::string id = history[i].str("/client_msg_id");
        ASSERT_TRUE(acks.sent.count(id)) << "a message nobody sent: " << id;
        ASSERT_TRUE(found.emplace(id, history[i].u64("/sequence")).second) << "stored twice: " << id;
    }
    for (const auto &[id, sequence] : acks.sequence_of) {
        auto it = found.find(id);
        ASSERT_NE(it, found.end()) << "acknowledged but lost: " << id;
        EXPECT_EQ(it->second, sequence) << id;
    }
    RecordProperty("acknowledged", static_cast<int>(acks.sequence_of.size()));
    RecordProperty("stored", static_cast<int>(history.size()));
    // Sending goes on after the restart, from the next sequence.
    EXPECT_EQ(reader.say(kRoom, "after").u64("/sequence"), history.size() + 1);
}
