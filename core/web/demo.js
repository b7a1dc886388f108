// The demo page: janus.js, unmodified, against this server's echotest.
import Janus from './vendor/janus.es.js';

const $ = (id) => document.getElementById(id);
const step = (text, ok = true) => {
  const li = document.createElement('li');
  li.textContent = text;
  li.className = ok ? 'ok' : 'fail';
  $('steps').appendChild(li);
};

$('ws-url').value = `ws://${location.hostname}:8188/`;
let janus = null;

function serverUrl(kind) {
  return kind === 'ws' ? $('ws-url').value : `${location.protocol}//${location.host}/janus`;
}

function attach(withMedia) {
  let handle = null;
  const remote = new MediaStream();
  janus.attach({
    plugin: 'janus.plugin.echotest',
    success: (h) => {
      handle = h;
      step(`attached to echotest, handle ${h.getId()}`);
      if (!withMedia) {
        h.send({ message: { audio: true, video: true } });
        return;
      }
      h.createOffer({
        tracks: [{ type: 'audio', capture: true, recv: true }, { type: 'video', capture: true, recv: true }, { type: 'data' }],
        success: (jsep) => h.send({ message: { audio: true, video: true }, jsep }),
        error: (e) => step(`offer failed: ${e}`, false),
      });
    },
    onmessage: (msg, jsep) => {
      step(`echotest answered: ${JSON.stringify(msg)}`, !msg.error);
      if (jsep) handle.handleRemoteJsep({ jsep });
    },
    onlocaltrack: (track, on) => {
      if (on && track.kind === 'video') $('local').srcObject = new MediaStream([track]);
    },
    onremotetrack: (track, mid, on) => {
      if (!on) return;
      remote.addTrack(track);
      $('remote').srcObject = remote;
    },
    webrtcState: (on, reason) => step(on ? 'media is flowing (webrtcup)' : `media ended: ${reason || 'hangup'}`, on),
    ondataopen: () => {
      step('data channel open, sending "hello"');
      handle.data({ text: 'hello' });
    },
    ondata: (data) => step(`data channel echoed: ${data}`),
    error: (e) => step(`attach failed: ${e}`, false),
  });
}

$('start').onclick = () => {
  $('steps').textContent = '';
  $('start').disabled = true;
  $('stop').disabled = false;
  const kind = $('transport').value;
  Janus.init({
    debug: false,
    callback: () => {
      janus = new Janus({
        server: serverUrl(kind),
        iceServers: [],
        success: () => {
          step(`session ${janus.getSessionId()} created over ${kind}`);
          attach($('media').checked);
        },
        error: (e) => step(`connection failed: ${e}`, false),
        destroyed: () => step('session destroyed'),
      });
    },
  });
};

$('stop').onclick = () => {
  $('stop').disabled = true;
  $('start').disabled = false;
  janus?.destroy();
};
