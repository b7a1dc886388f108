// Real-browser chat test: a Janus textroom client (the unmodified janus.js in
// headless Chromium, attached to "janus.plugin.textroom", setup/ack with the
// plugin's data channel offer, requests as {"textroom": ...} on the data
// channel) and a client without WebRTC (janus.js plugin messages over the
// WebSocket, {"request": ...}) share a room: each sees the other's messages
// live with the same sequences, and both read the same history.
//
// Run: node --test tests/e2e/chat_textroom.test.mjs   (PORTUNUS_BIN, CHROMIUM as in lib/)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startServer, testConfig } from './lib/server.mjs';

const TEST_TIMEOUT_MS = 90_000;
const EVENT_TIMEOUT_MS = 15_000;
const ROOM = 1234;

const CHAT_CONFIG = JSON.stringify({ enabled: true, rooms: { [ROOM]: { description: 'e2e room', secret: 'modpass' } } });

// In the page: connects with janus.js and attaches `plugin`. With `dataChannel`
// it runs textroom's setup (the plugin offers, janus.js answers with a data
// channel) and speaks on the channel; without, it sends plugin messages.
// window.chat.request(body) resolves with the answer carrying body.transaction;
// events (no transaction) collect in window.chat.events.
function connectChat({ server, plugin, dataChannel }) {
  return new Promise((resolve, reject) => {
    const chat = { pending: {}, events: [], next: 0 };
    window.chat = chat;
    const take = (msg) => {
      const waiter = msg.transaction && chat.pending[msg.transaction];
      if (waiter) {
        delete chat.pending[msg.transaction];
        waiter(msg);
      } else if (!msg.transaction) {
        chat.events.push(msg);
      }
    };
    chat.request = (body) =>
      new Promise((done, fail) => {
        const transaction = `${dataChannel ? 'dc' : 'ws'}-${++chat.next}`;
        chat.pending[transaction] = done;
        if (dataChannel) {
          const { request, ...rest } = body;
          chat.h.data({ text: JSON.stringify({ textroom: request, transaction, ...rest }), error: (e) => fail(new Error(`data: ${e}`)) });
        } else {
          chat.h.send({ message: { ...body, transaction }, error: (e) => fail(new Error(`send: ${e}`)) });
        }
      });
    Janus.init({
      debug: false,
      callback: () => {
        const janus = new Janus({
          server,
          iceServers: [],
          success: () =>
            janus.attach({
              plugin,
              success: (h) => {
                chat.h = h;
                if (dataChannel) h.send({ message: { request: 'setup' } });
                else resolve();
              },
              onmessage: (msg, jsep) => {
                if (jsep) {
                  chat.h.createAnswer({
                    jsep,
                    tracks: [{ type: 'data' }],
                    success: (answer) => chat.h.send({ message: { request: 'ack' }, jsep: answer }),
                    error: (e) => reject(new Error(`createAnswer: ${JSON.stringify(e)}`)),
                  });
                  return;
                }
                if (msg.textroom === 'error' && !msg.transaction) reject(new Error(`chat error: ${JSON.stringify(msg)}`));
                if (!dataChannel) take(msg);
              },
              ondataopen: () => resolve(),
              ondata: (text) => take(JSON.parse(text)),
              error: (e) => reject(new Error(`attach: ${e}`)),
            }),
          error: (e) => reject(new Error(`connect: ${e}`)),
        });
      },
    });
  });
}

async function openClient(browser, server, options) {
  const page = await browser.newPage();
  await page.goto(`${new URL(server.urls['client-http']).origin}/`);
  await page.addScriptTag({ url: '/vendor/janus.js' });
  await page.evaluate(connectChat, { server: server.urls['client-ws'], ...options });
  return {
    page,
    request: (body) => page.evaluate((b) => window.chat.request(b), body),
    // The first room event of `kind` with `sequence` (waits for it).
    event: async (kind, sequence) => {
      const handle = await page.waitForFunction(
        ([k, s]) => window.chat.events.find((e) => e.textroom === k && e.sequence === s),
        [kind, sequence],
        { timeout: EVENT_TIMEOUT_MS },
      );
      return handle.jsonValue();
    },
  };
}

test('a textroom client on a data channel and a WebSocket-only client share a room', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const server = await startServer(testConfig(), { chat: CHAT_CONFIG });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close().catch(() => {});
    await server.stop();
  });
  try {
    const dc = await openClient(browser, server, { plugin: 'janus.plugin.textroom', dataChannel: true });
    const ws = await openClient(browser, server, { plugin: 'portunus.plugin.chat', dataChannel: false });

    const dcJoin = await dc.request({ request: 'join', room: ROOM, username: 'textroom', display: 'Textroom user' });
    assert.equal(dcJoin.textroom, 'success', JSON.stringify(dcJoin));
    const wsJoin = await ws.request({ request: 'join', room: ROOM, username: 'socket' });
    assert.equal(wsJoin.textroom, 'success', JSON.stringify(wsJoin));
    assert.deepEqual(wsJoin.participants.map((p) => p.username), ['textroom']);

    const first = await dc.request({ request: 'message', room: ROOM, text: 'from the data channel', client_msg_id: 'dc-1' });
    assert.equal(first.textroom, 'success', JSON.stringify(first));
    const seenByWs = await ws.event('message', first.sequence);
    assert.equal(seenByWs.from, 'textroom');
    assert.equal(seenByWs.text, 'from the data channel');

    const second = await ws.request({ request: 'message', room: ROOM, text: 'from the socket' });
    assert.equal(second.sequence, first.sequence + 1);
    const seenByDc = await dc.event('message', second.sequence);
    assert.equal(seenByDc.from, 'socket');
    assert.equal(seenByDc.text, 'from the socket');
    assert.equal(seenByDc.id, second.id);

    // A retry over the data channel is recognised, whichever way the original came.
    const retry = await dc.request({ request: 'message', room: ROOM, text: 'from the data channel', client_msg_id: 'dc-1' });
    assert.equal(retry.duplicate, true);
    assert.equal(retry.sequence, first.sequence);

    const history = { room: ROOM, after_sequence: 0, limit: 100 };
    const dcHistory = await dc.request({ request: 'history', ...history });
    const wsHistory = await ws.request({ request: 'history', ...history });
    const view = (h) => h.messages.map((m) => [m.sequence, m.from, m.text]);
    assert.deepEqual(view(dcHistory), [
      [first.sequence, 'textroom', 'from the data channel'],
      [second.sequence, 'socket', 'from the socket'],
    ]);
    assert.deepEqual(view(wsHistory), view(dcHistory));

    // Errors come back on the data channel with textroom's shape and code.
    const refused = await dc.request({ request: 'message', room: 4321, text: 'nowhere' });
    assert.equal(refused.textroom, 'error');
    assert.equal(refused.error_code, 417);
  } catch (err) {
    err.message += `\n--- server log ---\n${server.logText()}`;
    throw err;
  }
});
