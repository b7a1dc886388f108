// The demo page: janus.js, unmodified, against this server.
import Janus from './vendor/janus.es.js';

const steps = document.getElementById('steps');
const step = (text, ok = true) => {
  const li = document.createElement('li');
  li.textContent = text;
  li.className = ok ? 'ok' : 'fail';
  steps.appendChild(li);
};

document.getElementById('ws-url').value = `ws://${location.hostname}:8188/`;

function serverUrl(kind) {
  return kind === 'ws' ? document.getElementById('ws-url').value : `${location.protocol}//${location.host}/janus`;
}

document.getElementById('start').onclick = () => {
  steps.textContent = '';
  const kind = document.getElementById('transport').value;
  Janus.init({
    debug: false,
    callback: () => {
      const janus = new Janus({
        server: serverUrl(kind),
        success: () => {
          step(`session ${janus.getSessionId()} created over ${kind}`);
          janus.attach({
            plugin: 'janus.plugin.echotest',
            success: (handle) => {
              step(`attached to echotest, handle ${handle.getId()}`);
              handle.send({ message: { audio: true, video: true } });
            },
            onmessage: (msg) => {
              step(`echotest answered: ${JSON.stringify(msg)}`);
              janus.destroy({ success: () => step('session destroyed') });
            },
            error: (e) => step(`attach failed: ${e}`, false),
          });
        },
        error: (e) => step(`connection failed: ${e}`, false),
      });
    },
  });
};
