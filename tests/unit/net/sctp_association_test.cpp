// Two SctpAssociations wired back to back in memory (each one's packets are
// posted into the other's onDtlsData on one io_context; no DTLS needed): the
// association comes up, channels open both ways with DCEP, messages of every
// kind arrive unchanged, closing a channel reaches the other side, and tearing
// one side down while the other keeps sending is harmless.
#include "net/sctp_association.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace portunus::net;

namespace {

struct Message {
    uint16_t stream;
    std::string label;
    bool binary;
    std::string bytes;
};

struct Opened {
    uint16_t stream;
    std::string label, protocol;
};

struct Endpoint : SctpAssociation::Listener, std::enable_shared_from_this<Endpoint> {
    boost::asio::io_context &io;
    std::weak_ptr<Endpoint> peer;
    std::unique_ptr<SctpAssociation> sctp;
    bool connected = false;
    std::string closed_reason;
    std::vector<Opened> opened;
    std::vector<Message> messages;
    std::vector<uint16_t> channels_closed;
    size_t packets_sent = 0;

    Endpoint(boost::asio::io_context &i, bool dtls_client,
             size_t max_message_size = SctpAssociation::kDefaultMaxMessageSize)
        : io(i) {
        sctp = std::make_unique<SctpAssociation>(*this, io, dtls_client, SctpAssociation::kDefaultPort,
                                                 SctpAssociation::kDefaultPort, max_message_size);
    }
    void onSctpSend(const uint8_t *data, size_t length) override {
        ++packets_sent;
        // Deliver asynchronously, like a network would, and only while the peer exists.
        auto bytes = std::make_shared<std::vector<uint8_t>>(data, data + length);
        boost::asio::post(io, [p = peer, bytes] {
            if (auto e = p.lock(); e && e->sctp) e->sctp->onDtlsData(bytes->data(), bytes->size());
        });
    }
    void onSctpConnected() override { connected = true; }
    void onSctpChannelOpened(uint16_t stream, const std::string &label, const std::string &protocol) override {
        opened.push_back({stream, label, protocol});
    }
    void onSctpMessage(uint16_t stream, const std::string &label, bool binary, const uint8_t *data,
                       size_t length) override {
        messages.push_back({stream, label, binary, std::string(reinterpret_cast<const char *>(data), length)});
    }
    void onSctpChannelClosed(uint16_t stream) override { channels_closed.push_back(stream); }
    void onSctpClosed(const std::string &reason) override { closed_reason = reason; }

    bool sendText(uint16_t stream, const std::string &s) {
        return sctp->send(stream, false, reinterpret_cast<const uint8_t *>(s.data()), s.size());
    }
    bool sendBinary(uint16_t stream, const std::string &s) {
        return sctp->send(stream, true, reinterpret_cast<const uint8_t *>(s.data()), s.size());
    }
};

class SctpPair : public ::testing::Test {
protected:
    boost::asio::io_context io;
    // usrsctp's timer thread posts too, so keep the loop waiting for it.
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
    std::shared_ptr<Endpoint> client = std::make_shared<Endpoint>(io, true);  // DTLS client: even ids
    std::shared_ptr<Endpoint> server = std::make_shared<Endpoint>(io, false); // DTLS server: odd ids

    SctpPair() {
        client->peer = server;
        server->peer = client;
    }
    ~SctpPair() override {
        // Associations before the io_context, as PeerConnection does.
        client->sctp.reset();
        server->sctp.reset();
        io.poll();
    }

    // Runs the loop until `done` holds; the bound is a safety net, not a delay.
    bool runUntil(const std::function<bool()> &done, int max_rounds = 1000) {
        for (int i = 0; i < max_rounds; ++i) {
            if (done()) return true;
            io.run_for(std::chrono::milliseconds(10));
        }
        return done();
    }
    void connect(bool server_starts = true) {
        if (server_starts) server->sctp->start();
        client->sctp->start();
        ASSERT_TRUE(runUntil([&] { return client->connected && server->connected; }))
            << client->sctp->stateName() << " / " << server->sctp->stateName() << " " << client->closed_reason
            << server->closed_reason;
    }
    // The client opens a channel and the server hears of it.
    uint16_t open(const std::string &label, const std::string &protocol, bool ordered = true,
                  std::optional<uint32_t> rtx = std::nullopt) {
        auto stream = client->sctp->openChannel(label, protocol, ordered, rtx);
        EXPECT_TRUE(stream.has_value());
        size_t before = server->opened.size();
        EXPECT_TRUE(runUntil([&] { return server->opened.size() > before; }));
        return stream.value_or(0);
    }
};

std::string pattern(size_t n, unsigned seed) {
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + seed * 7 + (i >> 8)) & 0xff);
    return s;
}

} // namespace

TEST_F(SctpPair, SimultaneousOpenComesUp) {
    connect();
    EXPECT_EQ(client->sctp->state(), SctpAssociation::State::connected);
    EXPECT_EQ(server->sctp->state(), SctpAssociation::State::connected);
    EXPECT_TRUE(client->closed_reason.empty());
}

TEST_F(SctpPair, AcceptsThePeersInitWithoutStart) {
    connect(/*server_starts=*/false); // like a browser whose INIT arrives before we start
    EXPECT_EQ(server->sctp->state(), SctpAssociation::State::connected);
}

TEST_F(SctpPair, ClientOpensChannelsTheServerSeesThem) {
    connect();
    uint16_t chat = open("chat", "json");
    uint16_t game = open("game", "", /*ordered=*/false, /*rtx=*/0);
    EXPECT_EQ(chat % 2, 0);
    EXPECT_EQ(game % 2, 0);
    EXPECT_NE(chat, game);
    ASSERT_EQ(server->opened.size(), 2u);
    EXPECT_EQ(server->opened[0].stream, chat);
    EXPECT_EQ(server->opened[0].label, "chat");
    EXPECT_EQ(server->opened[0].protocol, "json");
    EXPECT_EQ(server->opened[1].stream, game);
    EXPECT_EQ(server->opened[1].label, "game");
    EXPECT_EQ(server->opened[1].protocol, "");

    auto info = server->sctp->channels();
    ASSERT_EQ(info.size(), 2u);
    EXPECT_EQ(info[0].label, "chat");
    EXPECT_TRUE(info[0].ordered);
    EXPECT_EQ(info[0].reliability, dcep::Reliability::reliable);
    EXPECT_FALSE(info[0].local);
    EXPECT_EQ(info[1].label, "game");
    EXPECT_FALSE(info[1].ordered);
    EXPECT_EQ(info[1].reliability, dcep::Reliability::max_retransmits);
    EXPECT_EQ(info[1].reliability_value, 0u);
    EXPECT_TRUE(client->sctp->channels()[0].local);
    EXPECT_TRUE(client->opened.empty()); // our own channels are not reported back
}

TEST_F(SctpPair, MessagesArriveUnchanged) {
    connect();
    uint16_t chat = open("chat", "json");
    uint16_t game = open("game", "", false, 0);
    const std::string big = pattern(64 * 1024, 1);
    const std::string big_text(64 * 1024, 'x');
    ASSERT_TRUE(client->sendText(chat, "hello"));
    ASSERT_TRUE(client->sendBinary(chat, std::string("\x00\x01\xff", 3)));
    ASSERT_TRUE(client->sendText(chat, ""));
    ASSERT_TRUE(client->sendBinary(chat, ""));
    ASSERT_TRUE(client->sendBinary(chat, big));
    ASSERT_TRUE(client->sendText(chat, big_text));
    ASSERT_TRUE(client->sctp->sendByLabel("game", true, reinterpret_cast<const uint8_t *>("go"), 2));
    ASSERT_TRUE(runUntil([&] { return server->messages.size() == 7; }));

    // The ordered channel keeps its order; the unordered one may come anywhere.
    std::vector<Message> on_chat;
    for (auto &m : server->messages)
        if (m.stream == chat) on_chat.push_back(m);
    ASSERT_EQ(on_chat.size(), 6u);
    EXPECT_EQ(on_chat[0].bytes, "hello");
    EXPECT_FALSE(on_chat[0].binary);
    EXPECT_EQ(on_chat[0].label, "chat");
    EXPECT_EQ(on_chat[1].bytes, std::string("\x00\x01\xff", 3));
    EXPECT_TRUE(on_chat[1].binary);
    EXPECT_EQ(on_chat[2].bytes, "");
    EXPECT_FALSE(on_chat[2].binary);
    EXPECT_EQ(on_chat[3].bytes, "");
    EXPECT_TRUE(on_chat[3].binary);
    EXPECT_TRUE(on_chat[4].bytes == big);
    EXPECT_TRUE(on_chat[4].binary);
    EXPECT_TRUE(on_chat[5].bytes == big_text);
    EXPECT_FALSE(on_chat[5].binary);
    auto game_msg =
        std::find_if(server->messages.begin(), server->messages.end(), [&](auto &m) { return m.stream == game; });
    ASSERT_NE(game_msg, server->messages.end());
    EXPECT_EQ(game_msg->bytes, "go");
    EXPECT_EQ(game_msg->label, "game");
    EXPECT_TRUE(game_msg->binary);

    // And back, on the peer-opened channel.
    ASSERT_TRUE(server->sendText(chat, "welcome"));
    ASSERT_TRUE(runUntil([&] { return client->messages.size() == 1; }));
    EXPECT_EQ(client->messages[0].bytes, "welcome");
    EXPECT_EQ(client->messages[0].label, "chat");
}

TEST_F(SctpPair, LargestMessageIsReassembled) {
    // Big enough for usrsctp to hand it over in parts (partial delivery).
    connect();
    uint16_t chat = open("chat", "");
    const std::string biggest = pattern(SctpAssociation::kDefaultMaxMessageSize, 3);
    ASSERT_TRUE(client->sendBinary(chat, biggest));
    ASSERT_TRUE(client->sendText(chat, "after"));
    ASSERT_TRUE(runUntil([&] { return server->messages.size() == 2; }));
    EXPECT_TRUE(server->messages[0].bytes == biggest);
    EXPECT_EQ(server->messages[1].bytes, "after");
}

TEST_F(SctpPair, DropsIncomingMessagesOverTheLimit) {
    server = std::make_shared<Endpoint>(io, false, 1000);
    server->peer = client;
    client->peer = server;
    connect();
    uint16_t chat = open("chat", "");
    ASSERT_TRUE(client->sendBinary(chat, pattern(1001, 4)));
    ASSERT_TRUE(client->sendBinary(chat, pattern(200000, 5))); // in parts, all dropped
    ASSERT_TRUE(client->sendBinary(chat, pattern(1000, 6)));
    ASSERT_TRUE(runUntil([&] { return server->messages.size() == 1; }));
    EXPECT_TRUE(server->messages[0].bytes == pattern(1000, 6));
    EXPECT_FALSE(server->sendBinary(chat, pattern(1001, 7)));
}

TEST_F(SctpPair, AFullSendBufferRefusesWholeMessages) {
    // Nothing runs the loop while we send, so the buffer fills up; a refused
    // message must not have been half queued.
    connect();
    uint16_t chat = open("chat", "");
    std::vector<std::string> accepted;
    for (int i = 0; i < 100; ++i) {
        std::string m = pattern(100000 + static_cast<size_t>(i), static_cast<unsigned>(i));
        if (!client->sendBinary(chat, m)) break;
        accepted.push_back(std::move(m));
    }
    ASSERT_GT(accepted.size(), 1u);
    ASSERT_LT(accepted.size(), 100u);
    ASSERT_TRUE(runUntil([&] { return server->messages.size() >= accepted.size(); }));
    io.run_for(std::chrono::milliseconds(50)); // nothing more may come
    ASSERT_EQ(server->messages.size(), accepted.size());
    for (size_t i = 0; i < accepted.size(); ++i) EXPECT_TRUE(server->messages[i].bytes == accepted[i]) << i;
    EXPECT_TRUE(client->sendBinary(chat, pattern(1000, 9))); // drained: room again
}

TEST_F(SctpPair, RejectsWhatCannotBeSent) {
    std::string too_big(SctpAssociation::kDefaultMaxMessageSize + 1, 'a');
    EXPECT_FALSE(client->sendText(0, "early")); // not connected
    connect();
    uint16_t chat = open("chat", "");
    EXPECT_FALSE(client->sendText(chat + 2, "no such channel"));
    EXPECT_FALSE(client->sendBinary(chat, too_big));
    EXPECT_FALSE(client->sctp->sendByLabel("nope", false, nullptr, 0));
    EXPECT_FALSE(client->sctp->openChannel("both", "", true, 1, 100).has_value());
    EXPECT_TRUE(client->sendText(chat, "still fine"));
}

TEST_F(SctpPair, ServerOpensAChannelTheClientSeesIt) {
    connect();
    auto stream = server->sctp->openChannel("events", "v1");
    ASSERT_TRUE(stream.has_value());
    EXPECT_EQ(*stream % 2, 1);
    ASSERT_TRUE(runUntil([&] { return client->opened.size() == 1; }));
    EXPECT_EQ(client->opened[0].stream, *stream);
    EXPECT_EQ(client->opened[0].label, "events");
    EXPECT_EQ(client->opened[0].protocol, "v1");
    ASSERT_TRUE(server->sendText(*stream, "hi"));
    ASSERT_TRUE(client->sendText(*stream, "hi back"));
    ASSERT_TRUE(runUntil([&] { return client->messages.size() == 1 && server->messages.size() == 1; }));
    EXPECT_EQ(client->messages[0].bytes, "hi");
    EXPECT_EQ(server->messages[0].bytes, "hi back");
}

TEST_F(SctpPair, ChannelOpenedBeforeConnectIsAnnouncedOnConnect) {
    auto stream = client->sctp->openChannel("early", "");
    ASSERT_TRUE(stream.has_value());
    connect();
    ASSERT_TRUE(runUntil([&] { return server->opened.size() == 1; }));
    EXPECT_EQ(server->opened[0].label, "early");
}

TEST_F(SctpPair, ClosingAChannelReachesTheOtherSide) {
    connect();
    uint16_t chat = open("chat", "");
    uint16_t other = open("other", "");
    ASSERT_TRUE(client->sctp->closeChannel(chat));
    EXPECT_FALSE(client->sendText(chat, "after close"));
    ASSERT_TRUE(runUntil([&] { return server->channels_closed.size() == 1 && client->channels_closed.size() == 1; }));
    EXPECT_EQ(server->channels_closed[0], chat);
    EXPECT_EQ(client->channels_closed[0], chat);
    ASSERT_EQ(server->sctp->channels().size(), 1u);
    EXPECT_EQ(server->sctp->channels()[0].label, "other");
    EXPECT_FALSE(server->sendText(chat, "gone"));
    // The other channel still works, and the server can close one too.
    ASSERT_TRUE(client->sendText(other, "still here"));
    ASSERT_TRUE(runUntil([&] { return server->messages.size() == 1; }));
    ASSERT_TRUE(server->sctp->closeChannel(other));
    ASSERT_TRUE(runUntil([&] { return client->channels_closed.size() == 2 && server->channels_closed.size() == 2; }));
    EXPECT_EQ(client->channels_closed[1], other);
    // Both directions are reset: the stream id can be used again.
    ASSERT_TRUE(runUntil([&] { return client->sctp->openChannel("again", "") == chat; }, 100));
}

TEST_F(SctpPair, CloseAbortsThePeer) {
    connect();
    client->sctp->close();
    EXPECT_EQ(client->sctp->state(), SctpAssociation::State::closed);
    ASSERT_TRUE(runUntil([&] { return !server->closed_reason.empty(); }));
    EXPECT_EQ(server->sctp->state(), SctpAssociation::State::closed);
    EXPECT_TRUE(client->closed_reason.empty()); // close() itself is not reported
}

TEST_F(SctpPair, DestroyingOneSideWhileTheOtherSendsIsHarmless) {
    connect();
    uint16_t chat = open("chat", "");
    const std::string chunk = pattern(16 * 1024, 2);
    int sent = 0;
    for (int i = 0; i < 20; ++i) sent += client->sendBinary(chat, chunk) ? 1 : 0;
    EXPECT_GT(sent, 0);
    io.poll_one(); // some packets are in flight, some SACKs on their way back
    server->sctp.reset();
    // The client keeps sending into the void; usrsctp retransmits from its timer thread.
    for (int round = 0; round < 30; ++round) {
        client->sendText(chat, "anyone?");
        io.run_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(client->sctp->state(), SctpAssociation::State::connected);
    // And the other way round: destroy the sender too while its packets are queued.
    client->sendText(chat, "last words");
    client->sctp.reset();
    io.run_for(std::chrono::milliseconds(50));
}

TEST_F(SctpPair, ManyAssociationsComeAndGo) {
    // Registration ids are never reused and the stack outlives every association.
    for (int i = 0; i < 5; ++i) {
        auto a = std::make_shared<Endpoint>(io, true);
        auto b = std::make_shared<Endpoint>(io, false);
        a->peer = b;
        b->peer = a;
        a->sctp->start();
        b->sctp->start();
        ASSERT_TRUE(runUntil([&] { return a->connected && b->connected; }));
        auto s = a->sctp->openChannel("x", "");
        ASSERT_TRUE(s.has_value());
        ASSERT_TRUE(a->sendText(*s, "ping"));
        ASSERT_TRUE(runUntil([&] { return b->messages.size() == 1; }));
        a->sctp.reset();
        b->sctp.reset();
    }
    io.poll();
}
