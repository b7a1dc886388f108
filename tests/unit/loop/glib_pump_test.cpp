#include "loop/loop.hpp"

#include <boost/asio/post.hpp>

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include <gio/gio.h>

using portunus::Loop;

namespace {
struct Fired {
    std::promise<std::thread::id> promise;
    static gboolean once(gpointer self) {
        static_cast<Fired *>(self)->promise.set_value(std::this_thread::get_id());
        return G_SOURCE_REMOVE;
    }
    static gboolean readable(GSocket *, GIOCondition, gpointer self) { return once(self); }
};

std::thread::id loopThread(Loop &loop) {
    std::promise<std::thread::id> id;
    boost::asio::post(loop.context(), [&] { id.set_value(std::this_thread::get_id()); });
    return id.get_future().get();
}
} // namespace

TEST(GlibPump, TimeoutSourceDispatchesOnTheLoopThread) {
    Loop loop(0);
    loop.start();
    Fired fired;
    GSource *source = g_timeout_source_new(5);
    g_source_set_callback(source, &Fired::once, &fired, nullptr);
    g_source_attach(source, loop.glibContext()); // from this (foreign) thread: GLib wakes the pump
    g_source_unref(source);
    auto future = fired.promise.get_future();
    ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_EQ(future.get(), loopThread(loop));
    loop.stop();
}

TEST(GlibPump, SocketSourceSeesIncomingData) {
    Loop loop(0);
    loop.start();
    GError *error = nullptr;
    GSocket *rx = g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
    ASSERT_NE(rx, nullptr);
    GInetAddress *lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
    GSocketAddress *any = g_inet_socket_address_new(lo, 0);
    ASSERT_TRUE(g_socket_bind(rx, any, TRUE, &error));
    GSocketAddress *bound = g_socket_get_local_address(rx, &error);

    Fired fired;
    GSource *source = g_socket_create_source(rx, G_IO_IN, nullptr);
    g_source_set_callback(source, G_SOURCE_FUNC(&Fired::readable), &fired, nullptr);
    g_source_attach(source, loop.glibContext());
    g_source_unref(source);

    GSocket *tx = g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
    ASSERT_EQ(g_socket_send_to(tx, bound, "x", 1, nullptr, &error), 1);
    auto future = fired.promise.get_future();
    ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_EQ(future.get(), loopThread(loop));
    loop.stop();
    g_object_unref(tx);
    g_object_unref(bound);
    g_object_unref(any);
    g_object_unref(lo);
    g_object_unref(rx);
}
