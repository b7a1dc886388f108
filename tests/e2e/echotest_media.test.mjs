// Real-browser media test: the unmodified janus.js in headless Chromium with a
// fake camera and microphone runs an echotest against Portunus. The echoed
// video must decode and the echoed audio arrive, with full ICE and ice-lite,
// with each SRTP profile, across an ICE restart; a data channel message must
// come back unchanged; the admin API's handle_info must show the live transport
// and non-zero counters. A tampered fingerprint must fail cleanly.
//
// Run: node --test tests/e2e/echotest_media.test.mjs   (PORTUNUS_BIN, CHROMIUM as in lib/)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startServer, testConfig } from './lib/server.mjs';

const TEST_TIMEOUT_MS = 90_000;
const MEDIA_TIMEOUT_MS = 15_000; // the acceptance bound for echoed media

// Starts an echotest in the page; resolves with the handle id once the answer
// is applied. Everything runs in the browser through janus.js.
const TRACKS = [{ type: 'audio', capture: true, recv: true }, { type: 'video', capture: true, recv: true }, { type: 'data' }];

function startEcho({ server, tracks, breakFingerprint }) {
  if (breakFingerprint) {
    // Tamper with the offer on the wire: the server sees a fingerprint that the
    // browser's certificate does not have.
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === 'string' && data.includes('"jsep"')) {
        const m = JSON.parse(data);
        m.jsep.sdp = m.jsep.sdp.replace(/(a=fingerprint:sha-256 )(..)/g, (x, a, b) => a + (b === 'AA' ? 'BB' : 'AA'));
        data = JSON.stringify(m);
      }
      return send.call(this, data);
    };
  }
  return new Promise((resolve, reject) => {
    Janus.init({
      debug: false,
      callback: () => {
        const janus = new Janus({
          server,
          iceServers: [], // never a public STUN server
          success: () =>
            janus.attach({
              plugin: 'janus.plugin.echotest',
              success: (h) => {
                window.echo = { janus, h, answers: 0, received: [], dataOpen: false, hangup: null };
                h.createOffer({
                  tracks,
                  success: (jsep) => h.send({ message: { audio: true, video: true }, jsep }),
                  error: (e) => reject(new Error(`createOffer: ${e}`)),
                });
              },
              onmessage: (msg, jsep) => {
                if (msg.error) reject(new Error(`echotest error: ${JSON.stringify(msg)}`));
                if (!jsep) return;
                window.echo.h.handleRemoteJsep({ jsep });
                window.echo.answers += 1;
                if (window.echo.answers === 1) resolve({ session: janus.getSessionId(), handle: window.echo.h.getId() });
              },
              ondataopen: () => (window.echo.dataOpen = true),
              ondata: (data) => window.echo.received.push(data),
              webrtcState: (on, reason) => {
                if (!on) window.echo.hangup = reason || 'hangup';
              },
              error: (e) => reject(new Error(`attach: ${e}`)),
            }),
          error: (e) => reject(new Error(`connect: ${e}`)),
        });
      },
    });
  });
}

// Inbound RTP counters of the echoed tracks.
async function inbound() {
  const out = { audio: 0, video: 0, frames: 0 };
  (await window.echo.h.webrtcStuff.pc.getStats()).forEach((r) => {
    if (r.type !== 'inbound-rtp') return;
    out[r.kind] += r.packetsReceived || 0;
    if (r.kind === 'video') out.frames += r.framesDecoded || 0;
  });
  return out;
}

function restartIce() {
  return new Promise((resolve, reject) => {
    const { h } = window.echo;
    const before = window.echo.answers;
    h.createOffer({
      iceRestart: true,
      tracks: [{ type: 'audio', capture: true, recv: true }, { type: 'video', capture: true, recv: true }],

      success: (jsep) => h.send({ message: { audio: true, video: true }, jsep }),
      error: (e) => reject(new Error(`ICE restart offer: ${e}`)),
    });
    const wait = () => (window.echo.answers > before ? resolve() : setTimeout(wait, 50));
    wait();
  });
}

function sendData(text) {
  return new Promise((resolve, reject) =>
    window.echo.h.data({ text, success: resolve, error: (e) => reject(new Error(`data: ${e}`)) }));
}

// Polls the page until `check(stats)` holds; there is no event for "frames decoded".
async function waitForMedia(page, check, what) {
  const deadline = Date.now() + MEDIA_TIMEOUT_MS;
  let last;
  while (Date.now() < deadline) {
    last = await page.evaluate(inbound);
    if (check(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`${what} within ${MEDIA_TIMEOUT_MS} ms; last stats ${JSON.stringify(last)}`);
}

async function admin(server, body) {
  const res = await fetch(server.urls['admin-http'], {
    method: 'POST',
    body: JSON.stringify({ transaction: 'e2e', admin_secret: 'test-secret', ...body }),
  });
  return res.json();
}

async function runEcho(t, { lite, profile }) {
  const server = await startServer(testConfig({ media: { ice: { lite }, srtp_profiles: [profile] } }));
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close().catch(() => {});
    await server.stop();
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  try {
    await page.goto(`${new URL(server.urls['client-http']).origin}/`);
    await page.addScriptTag({ url: '/vendor/janus.js' });
    const ids = await page.evaluate(startEcho, { server: server.urls['client-ws'], tracks: TRACKS });
    const first = await waitForMedia(page, (s) => s.frames > 0 && s.audio > 0, 'echoed video decoded and audio received');

    await page.waitForFunction(() => window.echo.dataOpen, null, { timeout: MEDIA_TIMEOUT_MS });
    const message = `echo ${'é'.repeat(3)} ${Date.now()}`;
    await page.evaluate(sendData, message);
    await page.waitForFunction((m) => window.echo.received.includes(m), message, { timeout: MEDIA_TIMEOUT_MS });

    // Statistics are a snapshot the server refreshes each second: poll until it has them.
    const counted = (m) => m.packets_in > 0 && m.bytes_in > 0 && m.packets_out > 0 && m.bytes_out > 0 && m.rtt_ms > 0;
    let info;
    for (const deadline = Date.now() + MEDIA_TIMEOUT_MS; Date.now() < deadline; await page.waitForTimeout(250)) {
      info = await admin(server, { janus: 'handle_info', session_id: ids.session, handle_id: ids.handle });
      if (info.janus === 'success' && info.info.webrtc.media.filter((x) => x.type !== 'data').every(counted)) break;
    }
    assert.equal(info.janus, 'success', JSON.stringify(info));
    const w = info.info.webrtc;
    assert.equal(w.ice.mode, lite ? 'lite' : 'full');
    assert.match(w.ice.state, /connected|ready/);
    assert.match(w.ice.selected_pair.local, /^127\.0\.0\.1:\d+ host$/);
    assert.ok(w.ice.local_candidates.length > 0);
    assert.equal(w.dtls.state, 'connected');
    assert.equal(w.dtls.srtp_profile, profile);
    assert.ok(w.data_channels.length > 0, 'a data channel is listed');
    for (const m of w.media.filter((x) => x.type !== 'data')) {
      assert.ok(counted(m), `${m.type} counters: ${JSON.stringify(m)}`);
      assert.ok(m.rtt_ms > 0, `${m.type} RTT from the browser's reports: ${JSON.stringify(m)}`);
    }

    await page.evaluate(restartIce);
    await waitForMedia(page, (s) => s.frames > first.frames + 30 && s.audio > first.audio + 50, 'media after an ICE restart');
    assert.ok(server.log.some((l) => l.includes('ICE restart')), 'the server saw the restart');
    assert.deepEqual(problems, []);
  } catch (err) {
    err.message += `\n--- server log ---\n${server.logText()}`;
    throw err;
  }
}

test('echotest with full ICE and AEAD_AES_128_GCM', { timeout: TEST_TIMEOUT_MS }, (t) =>
  runEcho(t, { lite: false, profile: 'AEAD_AES_128_GCM' }));

test('echotest with ice-lite and AES_CM_128_HMAC_SHA1_80', { timeout: TEST_TIMEOUT_MS }, (t) =>
  runEcho(t, { lite: true, profile: 'AES_CM_128_HMAC_SHA1_80' }));

test('a tampered DTLS fingerprint fails the PeerConnection with a clear reason', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const server = await startServer(testConfig());
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close().catch(() => {});
    await server.stop();
  });
  const page = await browser.newPage();
  try {
    await page.goto(`${new URL(server.urls['client-http']).origin}/`);
    await page.addScriptTag({ url: '/vendor/janus.js' });
    await page.evaluate(startEcho, { server: server.urls['client-ws'], tracks: TRACKS, breakFingerprint: true });
    // The server sends "hangup" with its reason; janus.js reports it through webrtcState.
    await page.waitForFunction(() => window.echo.hangup !== null, null, { timeout: MEDIA_TIMEOUT_MS });
    const reason = await page.evaluate(() => window.echo.hangup);
    assert.match(reason, /does not match the fingerprint/);
    assert.ok(server.log.some((l) => l.includes('does not match the fingerprint')));
    const info = await admin(server, { janus: 'info' });
    assert.equal(info.janus, 'server_info', 'the server is still serving');
  } catch (err) {
    err.message += `\n--- server log ---\n${server.logText()}`;
    throw err;
  }
});
