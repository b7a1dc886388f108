// The demo's video room: janus.js, unmodified, against the SFU as
// janus.plugin.videoroom — one publisher handle, one multistream subscriber
// handle that follows the room's publishers, a tile per remote feed with its
// talking state and (for simulcast feeds) a layer picker.
import Janus from './vendor/janus.es.js';

const $ = (id) => document.getElementById(id);
const step = (text, ok = true) => {
  const li = document.createElement('li');
  li.textContent = text;
  li.className = ok ? 'ok' : 'fail';
  $('steps').prepend(li);
};

$('ws-url').value = `ws://${location.hostname}:8188/`;
$('display').value = `guest-${Math.floor(Math.random() * 1000)}`;

let janus = null;
let pub = null;
let sub = null;
let room = 0;
let myId = null;
let privateId = null;
const feeds = new Map(); // feed id -> {display, simulcast}
const tiles = new Map(); // mid -> {figure, stream, feed}
const midFeeds = new Map(); // subscriber mid -> feed id, from "attached"/"updated"
let pending = []; // feeds to subscribe once the current renegotiation is done
let negotiating = false;

function tileFor(mid, feed) {
  let tile = tiles.get(mid);
  if (tile) return tile;
  const figure = document.createElement('figure');
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  const caption = document.createElement('figcaption');
  figure.append(video, caption);
  $('grid').append(figure);
  tile = { figure, video, caption, stream: new MediaStream(), feed };
  video.srcObject = tile.stream;
  tiles.set(mid, tile);
  return tile;
}

function label(tile, mid) {
  const f = feeds.get(tile.feed) || {};
  tile.caption.textContent = `${f.display || tile.feed} (mid ${mid})`;
  if (!f.simulcast || tile.caption.querySelector('select')) return;
  const pick = document.createElement('select');
  for (const [value, name] of [[2, 'high'], [1, 'medium'], [0, 'low']]) pick.add(new Option(name, value));
  pick.onchange = () => sub.send({ message: { request: 'configure', streams: [{ mid, substream: Number(pick.value) }] } });
  tile.caption.append(' layer ', pick);
}

function subscribe(publishers) {
  for (const p of publishers) {
    if (p.id === myId || feeds.has(p.id)) continue;
    feeds.set(p.id, { display: p.display, simulcast: (p.streams || []).some((s) => s.simulcast) });
    pending.push({ feed: p.id });
  }
  if (negotiating || pending.length === 0) return;
  const streams = pending;
  pending = [];
  negotiating = true;
  if (sub) {
    sub.send({ message: { request: 'subscribe', streams } });
    return;
  }
  janus.attach({
    plugin: 'janus.plugin.videoroom',
    success: (h) => {
      sub = h;
      h.send({ message: { request: 'join', ptype: 'subscriber', room, streams, private_id: privateId } });
    },
    onmessage: (msg, jsep) => {
      if (msg.error) step(`subscriber: ${msg.error}`, false);
      for (const s of msg.streams || []) {
        midFeeds.set(s.mid, s.feed_id);
        if (tiles.has(s.mid)) label(tiles.get(s.mid), s.mid);
      }
      if (!jsep) return;
      sub.createAnswer({
        jsep,
        tracks: [{ type: 'data' }],
        success: (answer) => {
          sub.send({ message: { request: 'start', room }, jsep: answer });
          negotiating = false;
          subscribe([]);
        },
        error: (e) => step(`answer failed: ${e}`, false),
      });
    },
    onremotetrack: (track, mid, on) => {
      if (!on) {
        const tile = tiles.get(mid);
        if (tile) {
          tile.figure.remove();
          tiles.delete(mid);
        }
        return;
      }
      if (track.kind !== 'video') {
        const audio = new Audio();
        audio.srcObject = new MediaStream([track]);
        audio.play().catch(() => {});
        return;
      }
      const tile = tileFor(mid, midFeeds.get(mid));
      tile.stream.addTrack(track);
      label(tile, mid);
    },
    error: (e) => step(`subscriber attach failed: ${e}`, false),
  });
}

function onTalking(msg) {
  const talking = msg.videoroom === 'talking';
  if (msg.id === myId) $('me').classList.toggle('talking', talking);
  for (const tile of tiles.values()) if (tile.feed === msg.id) tile.figure.classList.toggle('talking', talking);
}

function publish() {
  pub.createOffer({
    tracks: [
      { type: 'audio', capture: true, recv: false },
      { type: 'video', capture: true, recv: false, simulcast: $('simulcast').checked },
    ],
    success: (jsep) => pub.send({ message: { request: 'publish', audio: true, video: true }, jsep }),
    error: (e) => step(`cannot publish: ${e}`, false),
  });
}

$('join').onclick = () => {
  room = Number($('room').value);
  $('join').disabled = true;
  $('leave').disabled = false;
  Janus.init({
    debug: false,
    callback: () => {
      janus = new Janus({
        server: $('ws-url').value,
        iceServers: [],
        success: () =>
          janus.attach({
            plugin: 'janus.plugin.videoroom',
            success: (h) => {
              pub = h;
              h.send({ message: { request: 'join', ptype: 'publisher', room, display: $('display').value } });
            },
            onmessage: (msg, jsep) => {
              if (msg.error) step(`room: ${msg.error}`, false);
              if (msg.videoroom === 'joined') {
                myId = msg.id;
                privateId = msg.private_id;
                step(`joined room ${room} as ${myId}`);
                publish();
              }
              if (msg.videoroom === 'talking' || msg.videoroom === 'stopped-talking') onTalking(msg);
              if (msg.publishers) subscribe(msg.publishers);
              if (msg.leaving || msg.unpublished) step(`${feeds.get(msg.leaving || msg.unpublished)?.display ?? 'someone'} left`);
              if (jsep) pub.handleRemoteJsep({ jsep });
            },
            onlocaltrack: (track, on) => {
              if (on && track.kind === 'video') $('local').srcObject = new MediaStream([track]);
            },
            webrtcState: (on) => step(on ? 'publishing' : 'stopped publishing', on),
            error: (e) => step(`attach failed: ${e}`, false),
          }),
        error: (e) => step(`connection failed: ${e}`, false),
      });
    },
  });
};

$('leave').onclick = () => {
  $('leave').disabled = true;
  $('join').disabled = false;
  janus?.destroy();
  for (const tile of tiles.values()) tile.figure.remove();
  tiles.clear();
  feeds.clear();
  midFeeds.clear();
  sub = pub = null;
};
