/*
 * Portunus plugin ABI — plain C, versioned, stable across compilers.
 *
 * A plugin is a shared object that exports one symbol:
 *
 *     const portunus_plugin *portunus_plugin_entry(void);
 *
 * The host calls it once, checks `api_version` against PORTUNUS_PLUGIN_API_VERSION
 * and refuses the plugin when they differ. Everything the plugin needs from the
 * host comes through the `portunus_host` table handed to `init`.
 *
 * Ownership is stated on every pointer:
 *   BORROWED  — valid only for the duration of the call; copy what you keep.
 *   HOST      — owned by the host; never free it.
 *   PLUGIN    — owned by the plugin; the host never frees it.
 *
 * Threading (see the SDK documentation for the whole contract):
 *   - incoming_rtp/rtcp/data run on the loop thread that owns the handle's
 *     PeerConnection. Never block there.
 *   - handle_message, handle_admin_message, create/destroy_session and timers
 *     may run on any loop thread.
 *   - Every host callback is safe to call from any thread.
 *
 * JSON crosses the boundary as UTF-8 text (pointer + length), so no JSON
 * library's types are part of the ABI.
 */
#ifndef PORTUNUS_PLUGIN_H
#define PORTUNUS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on every incompatible change of any struct or signature below. */
#define PORTUNUS_PLUGIN_API_VERSION 1

/* The one symbol a plugin exports. */
#define PORTUNUS_PLUGIN_ENTRY_SYMBOL "portunus_plugin_entry"

/* ---- Opaque host objects ------------------------------------------------ */

/* One handle: a client session's attachment to this plugin. HOST. Valid from
 * create_session until destroy_session returns; using it afterwards is a bug. */
typedef struct portunus_handle portunus_handle;

/* The answer slot of one synchronous request. HOST. Valid during the call. */
typedef struct portunus_reply portunus_reply;

/* One pending HTTP request of a plugin route. HOST. Valid until answered. */
typedef struct portunus_http_exchange portunus_http_exchange;

/* The sqlite3 connection type, declared here so the ABI needs no sqlite header. */
struct sqlite3;

/* ---- Results and codes --------------------------------------------------- */

typedef enum portunus_result {
    PORTUNUS_OK = 0,      /* answered now: reply_json was called */
    PORTUNUS_OK_WAIT = 1, /* accepted: the answer follows through push_event */
    PORTUNUS_ERROR = 2    /* refused: reply_error was called */
} portunus_result;

/* Status of host calls that can fail. */
typedef enum portunus_status {
    PORTUNUS_STATUS_OK = 0,
    PORTUNUS_STATUS_INVALID = -1,  /* bad argument (NULL, bad JSON, ...) */
    PORTUNUS_STATUS_GONE = -2,     /* the handle or session no longer exists */
    PORTUNUS_STATUS_NO_MEDIA = -3, /* the handle has no PeerConnection (yet) */
    PORTUNUS_STATUS_FULL = -4      /* a bounded queue is full; dropped */
} portunus_status;

typedef enum portunus_log_level {
    PORTUNUS_LOG_TRACE = 0,
    PORTUNUS_LOG_DEBUG = 1,
    PORTUNUS_LOG_INFO = 2,
    PORTUNUS_LOG_WARN = 3,
    PORTUNUS_LOG_ERROR = 4
} portunus_log_level;

/* ---- Media views ---------------------------------------------------------- */

/* Which fields of a relayed RTP packet the host rewrites before protecting it. */
enum {
    PORTUNUS_RTP_REWRITE_SSRC = 1u << 0,
    PORTUNUS_RTP_REWRITE_SEQ = 1u << 1,
    PORTUNUS_RTP_REWRITE_TIMESTAMP = 1u << 2,
    PORTUNUS_RTP_REWRITE_PAYLOAD_TYPE = 1u << 3,
    PORTUNUS_RTP_REWRITE_MARKER = 1u << 4
};

/* An RTP packet. In incoming_rtp the host fills it (data BORROWED, already
 * SRTP-unprotected); in relay_rtp the plugin fills it and the host copies the
 * bytes into a pooled send buffer of the target handle before returning. */
typedef struct portunus_rtp {
    const uint8_t *data; /* BORROWED: the whole RTP packet, header included */
    uint32_t length;
    uint16_t mindex;     /* m-line index in the handle's SDP */
    uint8_t is_video;
    int8_t substream;    /* simulcast layer (rid order), -1 when not simulcast */
    uint32_t rewrite;    /* PORTUNUS_RTP_REWRITE_* bits, relay only */
    uint32_t ssrc;
    uint32_t timestamp;
    uint16_t seq;
    uint8_t payload_type;
    uint8_t marker;
    /* RFC 6464 client-to-mixer audio level. In incoming_rtp the host fills it
     * from the packet's header extension; in relay_rtp the host writes it into
     * the packet it sends when the target negotiated the extension. The
     * packet's own header extensions are never forwarded as they are: the
     * host writes the target's (MID, audio level) with the target's ids. */
    uint8_t has_audio_level; /* 0 = none */
    uint8_t audio_level;     /* 0..127, in -dBov: 0 is the loudest */
    uint8_t voice_activity;  /* the extension's V bit */
    uint8_t reserved8;
    uint32_t reserved[3]; /* zero */
} portunus_rtp;

/* An RTCP (possibly compound) packet. data BORROWED. */
typedef struct portunus_rtcp {
    const uint8_t *data;
    uint32_t length;
    uint16_t mindex;
    uint8_t is_video;
    uint8_t reserved8;
    uint32_t reserved[4];
} portunus_rtcp;

/* A data channel message. data and label BORROWED. */
typedef struct portunus_data {
    const uint8_t *data;
    uint32_t length;
    uint8_t binary;      /* 0 = text (UTF-8), 1 = binary */
    uint8_t reserved8[3];
    const char *label;   /* the channel's label, NUL-terminated */
    const char *protocol;/* the channel's sub-protocol, may be "" */
    uint32_t reserved[4];
} portunus_data;

/* ---- HTTP routes (e.g. LL-HLS playlists) ---------------------------------- */

typedef struct portunus_http_request {
    const char *method;  /* BORROWED, e.g. "GET" */
    const char *path;    /* BORROWED, path without query */
    const char *query;   /* BORROWED, "" when none */
    const uint8_t *body; /* BORROWED */
    size_t body_length;
} portunus_http_request;

/* Called on a loop thread for each request under the route's prefix. The
 * plugin answers exactly once with http_respond, now or later (any thread). */
typedef void (*portunus_http_handler)(void *user, const portunus_http_request *request,
                                      portunus_http_exchange *exchange);

typedef void (*portunus_timer_fn)(void *user);

/* ---- Host side: what the core offers the plugin --------------------------- */

typedef struct portunus_host portunus_host;
struct portunus_host {
    int api_version;
    void *context; /* HOST: identifies the calling plugin to the host; never touch */

    /* Logging through the host (component tag = the plugin's package). */
    void (*log)(const portunus_host *host, portunus_log_level level, const char *message);

    /* Answers for handle_message / handle_admin_message (BORROWED inputs, copied). */
    void (*reply_json)(portunus_reply *reply, const char *json, size_t length);
    void (*reply_error)(portunus_reply *reply, int code, const char *reason);

    /* An event to the handle's client, optionally with a JSEP (SDP offer/answer).
     * transaction may be NULL for unsolicited events. All inputs BORROWED. */
    portunus_status (*push_event)(portunus_handle *handle, const char *transaction,
                                  const char *json, size_t json_length, const char *jsep,
                                  size_t jsep_length);

    /* Media towards the handle's peer. Inputs BORROWED; the host copies. */
    portunus_status (*relay_rtp)(portunus_handle *handle, const portunus_rtp *packet);
    portunus_status (*relay_rtcp)(portunus_handle *handle, const portunus_rtcp *packet);
    portunus_status (*relay_data)(portunus_handle *handle, const portunus_data *message);
    /* Ask the handle's peer for a keyframe on m-line mindex (PLI, throttled by host). */
    portunus_status (*send_pli)(portunus_handle *handle, uint16_t mindex);
    /* Place handle's future PeerConnection on the loop of `other` (call before media). */
    portunus_status (*colocate)(portunus_handle *handle, portunus_handle *other);
    /* Tear down the handle's PeerConnection (the client gets "hangup"). */
    portunus_status (*close_pc)(portunus_handle *handle);
    /* Detach the handle from the plugin (the client gets "detached"). */
    portunus_status (*end_session)(portunus_handle *handle);

    /* An event for event consumers/webhooks; handle may be NULL. BORROWED. */
    void (*notify_event)(const portunus_host *host, portunus_handle *handle, const char *json,
                         size_t length);

    /* Timers. With a handle they run on its loop and stop when it is destroyed;
     * with NULL on a control loop. Returns an id > 0, or 0 on error. */
    uint64_t (*timer_start)(const portunus_host *host, portunus_handle *handle,
                            uint32_t delay_ms, uint32_t repeat_ms, portunus_timer_fn fn,
                            void *user);
    void (*timer_cancel)(const portunus_host *host, uint64_t timer_id);

    /* A new connection to the shared sqlite file (WAL, busy timeout set). PLUGIN
     * owns the result: close it with sqlite3_close. NULL on error. Never use it
     * on a media callback. */
    struct sqlite3 *(*storage_open)(const portunus_host *host);

    /* Serve HTTP under `prefix` on the client HTTP port (e.g. "/hls/"). */
    portunus_status (*register_http_route)(const portunus_host *host, const char *prefix,
                                           portunus_http_handler handler, void *user);
    void (*http_respond)(portunus_http_exchange *exchange, int status, const char *content_type,
                         const uint8_t *body, size_t body_length);

    /* The handle's join-ticket claims as a JSON object, or NULL when it has none.
     * HOST; valid until destroy_session. */
    const char *(*handle_claims)(portunus_handle *handle);

    /* The handle's ids as the client sees them (for logs and events). */
    uint64_t (*handle_session_id)(portunus_handle *handle);
    uint64_t (*handle_id)(portunus_handle *handle);

    /* The plugin's own per-handle state. PLUGIN owns what it stores. */
    void (*set_handle_data)(portunus_handle *handle, void *data);
    void *(*handle_data)(portunus_handle *handle);

    /* An SDP answer to a client's offer (BORROWED), built by the core's media
     * toolkit from what the plugin accepts, given as JSON options (BORROWED;
     * NULL = defaults), e.g. {"audio":{"codecs":["opus"]},"video":{"codecs":
     * ["vp8","h264"]},"data":true,"direction":"sendrecv"} — see the SDK guide.
     * Send it back with push_event; the core adds ICE/DTLS attributes then.
     * Writes a NUL-terminated SDP into `out` (PLUGIN buffer) and returns its
     * length, or PORTUNUS_STATUS_INVALID (bad offer or options) or
     * PORTUNUS_STATUS_FULL (`capacity` too small). */
    int64_t (*sdp_answer)(const portunus_host *host, const char *offer, size_t offer_length,
                          const char *options_json, size_t options_length, char *out, size_t capacity);

    /* An SDP offer from the plugin (e.g. an SFU subscriber's streams), built
     * by the core from JSON options (BORROWED):
     *   {"streams":[{"mid":"0","kind":"audio"|"video"|"data",
     *                "codec":"opus","payload_type":111,"fmtp":"...",   (RTP kinds)
     *                "rtx_payload_type":97,          (video, optional)
     *                "msid":"stream track",          (optional)
     *                "direction":"sendonly",         (default sendonly)
     *                "active":true}]}                (false = port 0: removed)
     * Streams keep their order across renegotiations: reuse a removed one's
     * place or append. Send it with push_event as {"type":"offer","sdp":...};
     * the core adds ICE/DTLS attributes and SSRCs, and applies the client's
     * answer (a message with an "answer" JSEP) before handle_message sees it.
     * Relayed packets need the payload type the offer names: set
     * PORTUNUS_RTP_REWRITE_PAYLOAD_TYPE. Output and results as sdp_answer. */
    int64_t (*sdp_offer)(const portunus_host *host, const char *options_json, size_t options_length, char *out,
                         size_t capacity);

    /* Keep a handle's memory valid past destroy_session, for plugins whose
     * other handles refer to it from other threads (an SFU's subscriptions).
     * Host calls on a retained but destroyed handle return
     * PORTUNUS_STATUS_GONE. Every retain needs one release, from any thread. */
    void (*retain_handle)(portunus_handle *handle);
    void (*release_handle)(portunus_handle *handle);

    /* Runs fn(user) once on the handle's loop thread, later (never inside this
     * call): how a plugin moves work to the thread that owns a handle's media.
     * It runs even if the handle is destroyed meanwhile (loops outlive
     * handles). PORTUNUS_STATUS_GONE, and fn is not run, when the handle is
     * already destroyed. */
    portunus_status (*run_on_loop)(portunus_handle *handle, portunus_timer_fn fn, void *user);

    /* 1 when the core's moderation has user_uid timed out in channel_id right
     * now (admin API "moderate", action "timeout"), else 0. Inputs BORROWED.
     * It reads the core's sqlite file: control plane only, never on a media
     * callback. Any thread. */
    int (*user_timed_out)(const portunus_host *host, const char *channel_id, const char *user_uid);

    /* A log line about one handle: the host adds its session and handle ids
     * and, when it joined with a join ticket, its user_uid, device_id and
     * channel_id as fields (JSON logs) or s= h= user= device= channel= (text).
     * message BORROWED. Any thread; not per packet above debug. */
    void (*log_handle)(const portunus_host *host, portunus_handle *handle, portunus_log_level level,
                       const char *message);

    void *reserved[2]; /* NULL */
};

/* ---- Plugin side: what the plugin offers the core -------------------------- */

typedef struct portunus_plugin {
    int api_version; /* PORTUNUS_PLUGIN_API_VERSION */
    int version;     /* the plugin's own version number */
    const char *version_string; /* PLUGIN, static */
    const char *package;        /* PLUGIN, static, e.g. "portunus.plugin.echotest" */
    const char *name;           /* PLUGIN, static, human name */
    const char *description;    /* PLUGIN, static */
    const char *const *aliases; /* PLUGIN, static, NULL-terminated; may be NULL */

    /* The settings the plugin accepts besides "enabled", as a Portunus config
     * schema (JSON text; see docs/config-schema.md). The host validates the
     * plugin's config file against it with file:line errors before init. */
    const char *config_schema; /* PLUGIN, static; NULL = no settings */

    /* config_json: the plugin's validated settings object. BORROWED.
     * On failure return non-zero and write a reason into error (NUL-terminated). */
    int (*init)(const portunus_host *host, const char *config_json, size_t config_length,
                char *error, size_t error_capacity);
    void (*destroy)(void);

    /* A client attached a handle. Non-zero refuses it (with error text). */
    int (*create_session)(portunus_handle *handle, char *error, size_t error_capacity);
    /* The handle goes away; free what set_handle_data holds. */
    void (*destroy_session)(portunus_handle *handle);

    /* A client message. body is a JSON object, jsep a JSON object or NULL.
     * All BORROWED. transaction is needed to answer later with push_event. */
    portunus_result (*handle_message)(portunus_handle *handle, const char *transaction,
                                      const char *body, size_t body_length, const char *jsep,
                                      size_t jsep_length, portunus_reply *reply);
    /* An admin API message_plugin request (JSON object, BORROWED). */
    portunus_result (*handle_admin_message)(const char *request, size_t request_length,
                                            portunus_reply *reply);
    /* handle_info for the admin API: answer with reply_json (a JSON object). */
    void (*query_session)(portunus_handle *handle, portunus_reply *reply);

    /* Media. */
    void (*setup_media)(portunus_handle *handle);
    void (*incoming_rtp)(portunus_handle *handle, const portunus_rtp *packet);
    void (*incoming_rtcp)(portunus_handle *handle, const portunus_rtcp *packet);
    void (*incoming_data)(portunus_handle *handle, const portunus_data *message);
    void (*slow_link)(portunus_handle *handle, uint16_t mindex, int uplink);
    void (*hangup_media)(portunus_handle *handle);

    /* A moderation action of the core (admin API "moderate") in a channel:
     * action is "ban", "unban", "kick", "timeout", "untimeout", "lock" or
     * "unlock"; user_uid is "" for lock/unlock; until is the end in Unix
     * seconds, 0 = forever (and for actions without an end). Called on the
     * thread serving the admin request (a control-plane loop, as
     * handle_admin_message), before the core ends the sessions a ban or kick
     * concerns, so the plugin can still tell the user and the room. All
     * inputs BORROWED. May be NULL. */
    void (*moderation_event)(const char *channel_id, const char *user_uid, const char *action, int64_t until);

    void *reserved[7]; /* NULL */
} portunus_plugin;

typedef const portunus_plugin *(*portunus_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* PORTUNUS_PLUGIN_H */
