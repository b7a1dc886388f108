// Runs in the browser page (added with page.addScriptTag after janus.js): a
// videoroom participant written the way Janus's own multistream demo is —
// one publisher handle, one subscriber handle that subscribes to every other
// publisher's streams as they appear, and answers every offer with "start".
// Tests drive it through window.room and read the PeerConnections' stats.
/* global Janus */
window.room = {
  events: [], // every videoroom message either handle received, in order
  myId: null,
  privateId: null,
  pub: null,
  sub: null,
  subscribed: new Set(), // feed ids asked for
  queue: [], // feeds waiting for the subscriber's previous renegotiation
  busy: false, // an offer from the subscriber handle is pending
  offers: 0,
  streams: [], // the subscriber's streams as the last attached/updated said
  error: null,
};

// `video: false` publishes no video; `tokens` ({pub, sub}): join tickets the
// two handles present on attach (janus.js sends a handle's token there).
window.joinRoom = ({ server, room, display, video = {}, audio = true, tokens = {} }) =>
  new Promise((resolve, reject) => {
    const r = window.room;
    const fail = (what) => (e) => {
      r.error = `${what}: ${typeof e === 'string' ? e : JSON.stringify(e)}`;
      reject(new Error(r.error));
    };
    Janus.init({
      debug: false,
      callback: () => {
        const janus = new Janus({
          server,
          iceServers: [],
          success: () =>
            janus.attach({
              plugin: 'janus.plugin.videoroom',
              token: tokens.pub,
              success: (h) => {
                r.janus = janus;
                r.tokens = tokens;
                r.pub = h;
                h.send({ message: { request: 'join', ptype: 'publisher', room, display } });
              },
              onmessage: (msg, jsep) => {
                r.events.push(msg);
                if (msg.error) fail('publisher')(msg);
                if (msg.videoroom === 'joined') {
                  r.myId = msg.id;
                  r.privateId = msg.private_id;
                  const tracks = [];
                  if (audio) tracks.push({ type: 'audio', capture: true, recv: false });
                  if (video) tracks.push({ type: 'video', capture: video.capture ?? true, recv: false, simulcast: !!video.simulcast, svc: video.svc });
                  r.pub.createOffer({
                    tracks,
                    success: (offer) =>
                      r.pub.send({ message: { request: 'publish', audio: !!audio, video: !!video }, jsep: offer }),
                    error: fail('createOffer'),
                  });
                  window.subscribeTo(room, msg.publishers || []);
                } else if (msg.publishers) {
                  window.subscribeTo(room, msg.publishers);
                }
                if (jsep) {
                  r.pub.handleRemoteJsep({ jsep });
                  resolve(r.myId);
                }
              },
              error: fail('attach'),
            }),
          error: fail('connect'),
        });
      },
    });
  });

window.subscribeTo = (room, publishers) => {
  const r = window.room;
  for (const p of publishers) if (p.id !== r.myId && !r.subscribed.has(p.id)) r.queue.push(p.id);
  if (r.busy || r.queue.length === 0) return;
  const feeds = r.queue.splice(0);
  feeds.forEach((f) => r.subscribed.add(f));
  const streams = feeds.map((feed) => ({ feed }));
  r.busy = true;
  if (r.sub) {
    r.sub.send({ message: { request: 'subscribe', streams } });
    return;
  }
  r.janus.attach({
    plugin: 'janus.plugin.videoroom',
    token: r.tokens?.sub,
    success: (h) => {
      r.sub = h;
      h.send({ message: { request: 'join', ptype: 'subscriber', room, streams, private_id: r.privateId } });
    },
    onmessage: (msg, jsep) => {
      r.events.push(msg);
      if (msg.error) r.error = `subscriber: ${JSON.stringify(msg)}`;
      if (msg.streams) r.streams = msg.streams;
      if (!jsep) return;
      r.sub.createAnswer({
        jsep,
        tracks: [{ type: 'data' }],
        success: (answer) => {
          r.sub.send({ message: { request: 'start', room }, jsep: answer });
          r.offers += 1;
          r.busy = false;
          window.subscribeTo(room, []);
        },
        error: (e) => (r.error = `createAnswer: ${e}`),
      });
    },
    error: (e) => (r.error = `subscriber attach: ${e}`),
  });
};

// Inbound video of the subscriber PeerConnection, per mid.
window.inboundVideo = async () => {
  const pc = window.room.sub?.webrtcStuff?.pc;
  if (!pc) return [];
  const mids = new Map(pc.getTransceivers().map((t) => [t.receiver.track?.id, t.mid]));
  const out = [];
  const stats = await pc.getStats();
  stats.forEach((s) => {
    if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
    out.push({
      mid: mids.get(s.trackIdentifier) ?? null,
      codec: stats.get(s.codecId)?.mimeType ?? null,
      frames: s.framesDecoded || 0,
      width: s.frameWidth || 0,
      dropped: s.framesDropped || 0,
      plis: s.pliCount || 0,
      packets: s.packetsReceived || 0,
    });
  });
  return out;
};

// The subscriber's transceivers: mid and current direction ("stopped" once
// the server's offer removed the m-line).
window.transceivers = () =>
  (window.room.sub?.webrtcStuff?.pc?.getTransceivers() || []).map((t) => ({
    mid: t.mid,
    direction: t.stopped ? 'stopped' : t.currentDirection,
  }));

window.leaveRoom = () => window.room.pub.send({ message: { request: 'leave' } });
