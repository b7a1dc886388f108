// SfuErrors: Janus videoroom's error codes for representative requests, as
// a synchronous reply (synchronous requests, malformed requests) or as the
// event answering an asynchronous one.
#include "sfu_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

Json join(uint64_t room) { return request("join").set("ptype", "publisher").set("room", room); }

class SfuErrors : public ::testing::Test {
protected:
    ServerProcess server{sfuServer(R"({"enabled": true, "rooms": {"1": {}}})")};
    SfuClient client{server};
};

TEST_F(SfuErrors, SynchronousReplies) {
    Json reply = client.sync(request("dance"));
    EXPECT_EQ(reply.str("/videoroom"), "event");
    EXPECT_EQ(errorCode(reply), 423) << reply;
    EXPECT_EQ(errorCode(client.sync(Json().set("room", 1))), 429) << "no request";
    EXPECT_EQ(errorCode(client.sync(request("exists"))), 429);
    EXPECT_EQ(errorCode(client.sync(request("exists").set("room", "one"))), 430);
    EXPECT_EQ(errorCode(client.sync(request("listparticipants").set("room", 99))), 426);
    EXPECT_EQ(errorCode(client.sync(request("create").set("room", 1))), 427);
    EXPECT_EQ(errorCode(client.sync(request("create").set("room", 2).set("videocodec", "theora"))), 430);
    Json error = client.sync(request("create").set("room", 2).set("publishers", "many"));
    EXPECT_EQ(error.str("/error"), "Invalid element type (publishers should be a positive integer)");
}

TEST_F(SfuErrors, AsynchronousEvents) {
    EXPECT_EQ(errorCode(data(client.async(request("configure")))), 424);
    EXPECT_EQ(errorCode(data(client.async(join(99)))), 426);
    EXPECT_EQ(errorCode(data(client.async(request("join").set("room", 1)))), 429);
    EXPECT_EQ(errorCode(data(client.async(join(1).set("ptype", "watcher")))), 430);
    Json joined = data(client.async(join(1).set("id", 3)));
    ASSERT_EQ(joined.str("/videoroom"), "joined") << joined;
    EXPECT_EQ(errorCode(data(client.async(join(1)))), 425);
    EXPECT_EQ(errorCode(data(client.async(request("publish")))), 429);

    SfuClient other(server);
    EXPECT_EQ(errorCode(data(other.async(join(1).set("id", 3)))), 436);
    Json subscribe = request("join").set("ptype", "subscriber").set("room", 1).setRaw("streams", R"([{"feed": 77}])");
    EXPECT_EQ(errorCode(data(other.async(subscribe))), 428);
}

} // namespace
} // namespace portunus::test
