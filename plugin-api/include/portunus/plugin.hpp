// Header-only C++ layer over plugin.h. Derive from portunus::Plugin, override
// what you need, and export it:
//
//     class Echo final : public portunus::Plugin { ... };
//     PORTUNUS_EXPORT_PLUGIN(Echo, {
//         .package = "portunus.plugin.echo", .name = "Echo", ... });
//
// Nothing C++ crosses the ABI: the macro builds the C function table, and every
// trampoline catches exceptions so none escapes into the host.
#pragma once

#include <portunus/plugin.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace portunus {

// A non-owning view of a host handle.
class Handle {
public:
    Handle() = default;
    explicit Handle(portunus_handle *raw) : raw_(raw) {}
    portunus_handle *raw() const { return raw_; }
    explicit operator bool() const { return raw_ != nullptr; }
    bool operator==(const Handle &) const = default;

private:
    portunus_handle *raw_ = nullptr;
};

// The synchronous answer of handle_message / handle_admin_message.
class Result {
public:
    static Result ok(std::string json) { return Result(PORTUNUS_OK, 0, std::move(json)); }
    static Result wait() { return Result(PORTUNUS_OK_WAIT, 0, {}); }
    static Result error(int code, std::string reason) {
        return Result(PORTUNUS_ERROR, code, std::move(reason));
    }
    portunus_result kind() const { return kind_; }
    int code() const { return code_; }
    const std::string &text() const { return text_; } // JSON for ok, reason for error

private:
    Result(portunus_result kind, int code, std::string text)
        : kind_(kind), code_(code), text_(std::move(text)) {}
    portunus_result kind_;
    int code_;
    std::string text_;
};

// Static description of a plugin; strings must outlive the plugin (literals).
struct PluginInfo {
    const char *package = nullptr;
    const char *name = nullptr;
    const char *description = "";
    int version = 1;
    const char *version_string = "1";
    const char *const *aliases = nullptr; // NULL-terminated array or nullptr
    const char *config_schema = nullptr;  // JSON schema text or nullptr
};

class Plugin {
public:
    virtual ~Plugin() = default;

    // Lifecycle. Return false and fill `error` to refuse starting.
    virtual bool init(std::string_view /*config_json*/, std::string & /*error*/) { return true; }
    virtual void destroy() {}

    // Handles.
    virtual bool createSession(Handle, std::string & /*error*/) { return true; }
    virtual void destroySession(Handle) {}
    virtual Result handleMessage(Handle handle, std::string_view transaction,
                                 std::string_view body, std::string_view jsep) = 0;
    virtual Result handleAdminMessage(std::string_view /*request*/) {
        return Result::error(453, "this plugin has no admin requests");
    }
    virtual std::string querySession(Handle) { return "{}"; }

    // Media.
    virtual void setupMedia(Handle) {}
    virtual void incomingRtp(Handle, const portunus_rtp &) {}
    virtual void incomingRtcp(Handle, const portunus_rtcp &) {}
    virtual void incomingData(Handle, const portunus_data &) {}
    virtual void slowLink(Handle, uint16_t /*mindex*/, bool /*uplink*/) {}
    virtual void hangupMedia(Handle) {}

    // A moderation action of the core in a channel (see moderation_event in
    // plugin.h); user_uid is empty for lock/unlock, until 0 = forever.
    virtual void moderationEvent(std::string_view /*channel_id*/, std::string_view /*user_uid*/,
                                 std::string_view /*action*/, int64_t /*until*/) {}

    // Host services, usable once init has been called.
    const portunus_host &host() const { return *host_; }

    void log(portunus_log_level level, std::string_view message) const {
        std::string text(message);
        host_->log(host_, level, text.c_str());
    }
    // A line about handle `h`, with its ids and ticket subject added by the host.
    void log(Handle h, portunus_log_level level, std::string_view message) const {
        std::string text(message);
        host_->log_handle(host_, h.raw(), level, text.c_str());
    }
    portunus_status pushEvent(Handle h, std::string_view transaction, std::string_view json,
                              std::string_view jsep = {}) const {
        std::string tx(transaction);
        return host_->push_event(h.raw(), transaction.empty() ? nullptr : tx.c_str(), json.data(),
                                 json.size(), jsep.empty() ? nullptr : jsep.data(), jsep.size());
    }
    portunus_status relayRtp(Handle h, const portunus_rtp &p) const { return host_->relay_rtp(h.raw(), &p); }
    portunus_status relayRtcp(Handle h, const portunus_rtcp &p) const { return host_->relay_rtcp(h.raw(), &p); }
    portunus_status relayData(Handle h, const portunus_data &d) const { return host_->relay_data(h.raw(), &d); }
    portunus_status sendPli(Handle h, uint16_t mindex) const { return host_->send_pli(h.raw(), mindex); }
    portunus_status closePc(Handle h) const { return host_->close_pc(h.raw()); }
    portunus_status endSession(Handle h) const { return host_->end_session(h.raw()); }
    void notifyEvent(Handle h, std::string_view json) const {
        host_->notify_event(host_, h.raw(), json.data(), json.size());
    }
    uint64_t sessionId(Handle h) const { return host_->handle_session_id(h.raw()); }
    uint64_t handleId(Handle h) const { return host_->handle_id(h.raw()); }
    std::string_view claims(Handle h) const {
        const char *c = host_->handle_claims(h.raw());
        return c ? std::string_view(c) : std::string_view();
    }
    // Whether the core's moderation has the user timed out in the channel now
    // (reads sqlite: control plane only).
    bool userTimedOut(const std::string &channel_id, const std::string &user_uid) const {
        return host_->user_timed_out(host_, channel_id.c_str(), user_uid.c_str()) != 0;
    }

    // An SDP offer or answer from the core's media toolkit (see plugin.h);
    // empty when the inputs are refused.
    std::string sdpOffer(std::string_view options_json) const {
        return sdpText([&](char *out, size_t cap) {
            return host_->sdp_offer(host_, options_json.data(), options_json.size(), out, cap);
        });
    }
    std::string sdpAnswer(std::string_view offer, std::string_view options_json) const {
        return sdpText([&](char *out, size_t cap) {
            return host_->sdp_answer(host_, offer.data(), offer.size(), options_json.data(),
                                     options_json.size(), out, cap);
        });
    }

    // Runs `task` once on the handle's loop (see run_on_loop); false when the
    // handle is gone and the task will not run.
    template <typename F>
    bool runOnLoop(Handle h, F task) const {
        auto *boxed = new F(std::move(task));
        auto run = [](void *user) {
            std::unique_ptr<F> t(static_cast<F *>(user));
            (*t)();
        };
        if (host_->run_on_loop(h.raw(), run, boxed) == PORTUNUS_STATUS_OK) return true;
        delete boxed;
        return false;
    }

    void attachHost(const portunus_host *host) { host_ = host; }

private:
    template <typename Write>
    static std::string sdpText(Write write) {
        std::string out(16384, '\0');
        int64_t n = write(out.data(), out.size());
        if (n == PORTUNUS_STATUS_FULL) {
            out.assign(262144, '\0');
            n = write(out.data(), out.size());
        }
        if (n < 0) return {};
        out.resize(static_cast<size_t>(n));
        return out;
    }

    const portunus_host *host_ = nullptr;
};

// A counted reference that keeps a handle's memory valid after
// destroy_session (retain_handle / release_handle). Host calls through it
// then answer PORTUNUS_STATUS_GONE.
class HandleRef {
public:
    HandleRef() = default;
    HandleRef(const portunus_host &host, Handle h) : host_(&host), handle_(h) {
        if (handle_) host_->retain_handle(handle_.raw());
    }
    HandleRef(const HandleRef &o) : HandleRef() { *this = o; }
    HandleRef(HandleRef &&o) noexcept : host_(o.host_), handle_(o.handle_) { o.handle_ = Handle(); }
    HandleRef &operator=(const HandleRef &o) {
        if (this != &o) {
            reset();
            host_ = o.host_;
            handle_ = o.handle_;
            if (handle_) host_->retain_handle(handle_.raw());
        }
        return *this;
    }
    HandleRef &operator=(HandleRef &&o) noexcept {
        if (this != &o) {
            reset();
            host_ = o.host_;
            handle_ = o.handle_;
            o.handle_ = Handle();
        }
        return *this;
    }
    ~HandleRef() { reset(); }
    void reset() {
        if (handle_) host_->release_handle(handle_.raw());
        handle_ = Handle();
    }
    Handle get() const { return handle_; }
    explicit operator bool() const { return static_cast<bool>(handle_); }

private:
    const portunus_host *host_ = nullptr;
    Handle handle_;
};

namespace detail {

inline void copyError(const std::string &text, char *out, size_t capacity) {
    if (capacity == 0) return;
    std::snprintf(out, capacity, "%s", text.c_str());
}

inline void answer(const portunus_host &host, const Result &r, portunus_reply *reply) {
    if (r.kind() == PORTUNUS_OK) host.reply_json(reply, r.text().data(), r.text().size());
    if (r.kind() == PORTUNUS_ERROR) host.reply_error(reply, r.code(), r.text().c_str());
}

// The single instance of a plugin class and the C table that reaches it.
template <class P>
struct Adapter {
    static inline std::unique_ptr<P> instance;
    static inline const portunus_host *host = nullptr;

    static void logException(const char *where) {
        if (host) host->log(host, PORTUNUS_LOG_ERROR, where);
    }

    static int init(const portunus_host *h, const char *cfg, size_t len, char *err, size_t cap) {
        try {
            host = h;
            instance = std::make_unique<P>();
            instance->attachHost(h);
            std::string error;
            if (!instance->init(std::string_view(cfg ? cfg : "", cfg ? len : 0), error)) {
                copyError(error.empty() ? "init failed" : error, err, cap);
                instance.reset();
                return 1;
            }
            return 0;
        } catch (const std::exception &e) {
            copyError(std::string("init threw: ") + e.what(), err, cap);
        } catch (...) {
            copyError("init threw", err, cap);
        }
        instance.reset();
        return 1;
    }
    static void destroy() {
        if (!instance) return;
        try {
            instance->destroy();
        } catch (...) {
            logException("destroy threw");
        }
        instance.reset();
    }
    static int createSession(portunus_handle *h, char *err, size_t cap) {
        try {
            std::string error;
            if (instance->createSession(Handle(h), error)) return 0;
            copyError(error, err, cap);
        } catch (const std::exception &e) {
            copyError(e.what(), err, cap);
        }
        return 1;
    }
    static void destroySession(portunus_handle *h) {
        try {
            instance->destroySession(Handle(h));
        } catch (...) {
            logException("destroy_session threw");
        }
    }
    static portunus_result handleMessage(portunus_handle *h, const char *tx, const char *body,
                                         size_t body_len, const char *jsep, size_t jsep_len,
                                         portunus_reply *reply) {
        try {
            Result r = instance->handleMessage(
                Handle(h), tx ? std::string_view(tx) : std::string_view(),
                std::string_view(body, body_len),
                jsep ? std::string_view(jsep, jsep_len) : std::string_view());
            answer(*host, r, reply);
            return r.kind();
        } catch (const std::exception &e) {
            host->reply_error(reply, 462, e.what());
        } catch (...) {
            host->reply_error(reply, 462, "plugin error");
        }
        return PORTUNUS_ERROR;
    }
    static portunus_result handleAdminMessage(const char *req, size_t len, portunus_reply *reply) {
        try {
            Result r = instance->handleAdminMessage(std::string_view(req, len));
            answer(*host, r, reply);
            return r.kind();
        } catch (const std::exception &e) {
            host->reply_error(reply, 462, e.what());
        }
        return PORTUNUS_ERROR;
    }
    static void querySession(portunus_handle *h, portunus_reply *reply) {
        try {
            std::string json = instance->querySession(Handle(h));
            host->reply_json(reply, json.data(), json.size());
        } catch (...) {
            logException("query_session threw");
        }
    }
    // Media callbacks are noexcept by contract: the data plane does not throw.
    static void setupMedia(portunus_handle *h) { instance->setupMedia(Handle(h)); }
    static void incomingRtp(portunus_handle *h, const portunus_rtp *p) { instance->incomingRtp(Handle(h), *p); }
    static void incomingRtcp(portunus_handle *h, const portunus_rtcp *p) { instance->incomingRtcp(Handle(h), *p); }
    static void incomingData(portunus_handle *h, const portunus_data *d) { instance->incomingData(Handle(h), *d); }
    static void slowLink(portunus_handle *h, uint16_t mindex, int uplink) {
        instance->slowLink(Handle(h), mindex, uplink != 0);
    }
    static void hangupMedia(portunus_handle *h) { instance->hangupMedia(Handle(h)); }
    static void moderationEvent(const char *channel_id, const char *user_uid, const char *action, int64_t until) {
        try {
            instance->moderationEvent(channel_id, user_uid, action, until);
        } catch (...) {
            logException("moderation_event threw");
        }
    }

    static const portunus_plugin *table(const PluginInfo &info) {
        static const portunus_plugin t = {
            PORTUNUS_PLUGIN_API_VERSION, info.version, info.version_string, info.package,
            info.name, info.description, info.aliases, info.config_schema,
            &init, &destroy, &createSession, &destroySession, &handleMessage,
            &handleAdminMessage, &querySession, &setupMedia, &incomingRtp, &incomingRtcp,
            &incomingData, &slowLink, &hangupMedia, &moderationEvent, {}};
        return &t;
    }
};

} // namespace detail
} // namespace portunus

#define PORTUNUS_EXPORT_PLUGIN(PluginClass, ...)                                               \
    extern "C" __attribute__((visibility("default"))) const portunus_plugin *                 \
    portunus_plugin_entry(void) {                                                               \
        static const ::portunus::PluginInfo info = __VA_ARGS__;                                 \
        return ::portunus::detail::Adapter<PluginClass>::table(info);                           \
    }
