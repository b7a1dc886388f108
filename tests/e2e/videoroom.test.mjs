// Real-browser SFU test: the unmodified janus.js in headless Chromium (fake
// camera and microphone) against Portunus's SFU under its Janus name,
// janus.plugin.videoroom, the way Janus's multistream demo uses it.
//
// - Three pages join one room as publishers and subscribe to each other over
//   one subscriber PeerConnection each: all six subscriptions decode video;
//   when one page leaves, the others hear "leaving"/"unpublished" and the
//   server's new offer removes that feed's m-lines from their PeerConnections.
// - A simulcast publisher (three rid layers), and a VP9 SVC one (L3T3_KEY),
//   with a subscriber that switches layer 2 -> 0 -> 2: the decoded width
//   drops and recovers, and the switches stay keyframe-clean (PLIs bounded,
//   no runaway frame drops).
// - The fake microphone's tone produces "talking" events.
// - With join tickets, each janus.js handle presents its own as its token: a
//   ticket without "video" cannot publish video but publishes audio.
// - The demo's room page (room.html) shows another participant's video and,
//   for a simulcast publisher, its layer picker.
//
// Run: node --test tests/e2e/videoroom.test.mjs   (PORTUNUS_BIN, CHROMIUM as in lib/)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startServer, testConfig } from './lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE_SCRIPT = path.join(HERE, 'lib/videoroom_page.js');
const TEST_TIMEOUT_MS = 150_000;
const MEDIA_TIMEOUT_MS = 20_000; // the acceptance bound for decoded video

const ROOM = 1234;
const sfuConfig = (room) =>
  JSON.stringify({ enabled: true, rooms: { [ROOM]: { description: 'e2e', publishers: 6, bitrate: 0, ...room } } });

async function openPage(browser, server) {
  const page = await browser.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.goto(`${new URL(server.urls['client-http']).origin}/`);
  await page.addScriptTag({ url: '/vendor/janus.js' });
  await page.addScriptTag({ path: PAGE_SCRIPT });
  return page;
}

// Polls the page until `check(value)` holds; there is no event for "frames decoded".
async function waitInPage(page, fn, check, what, timeout = MEDIA_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await page.evaluate(fn);
    if (check(last)) return last;
    await page.waitForTimeout(200);
  }
  const error = await page.evaluate(() => window.room.error);
  throw new Error(`${what} within ${timeout} ms; last ${JSON.stringify(last)}; page error ${error}`);
}

// A server with the SFU and the given sfu.jsonc (and portunus.jsonc), and a
// browser; both go when the test ends.
async function roomServer(t, sfuJson, config = testConfig()) {
  const server = await startServer(config, { sfu: sfuJson });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close().catch(() => {});
    await server.stop();
  });
  return { server, browser };
}

function withServerLog(server, err) {
  err.message += `\n--- server log ---\n${server.logText()}`;
  return err;
}

test('three janus.js pages publish and subscribe to each other; a leaver is removed', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { server, browser } = await roomServer(t, sfuConfig({}));
  try {
    const pages = [];
    for (const name of ['alice', 'bob', 'carol']) {
      const page = await openPage(browser, server);
      await page.evaluate(
        ({ server: url, room, display }) => window.joinRoom({ server: url, room, display }),
        { server: server.urls['client-ws'], room: ROOM, display: name },
      );
      pages.push(page);
    }
    // Six subscriptions: every page decodes the two others' video.
    for (const page of pages)
      await waitInPage(page, () => window.inboundVideo(), (v) => v.filter((s) => s.frames > 0).length >= 2,
        'two remote videos decoded');

    // Carol leaves: Alice and Bob hear it, and their subscriber PeerConnections drop her m-lines.
    const carol = await pages[2].evaluate(() => window.room.myId);
    const carolMids = await Promise.all(pages.slice(0, 2).map((p) =>
      p.evaluate((feed) => window.room.streams.filter((s) => s.feed_id === feed).map((s) => s.mid), carol)));
    for (const mids of carolMids) assert.ok(mids.length >= 2, `carol's audio and video are subscribed: ${mids}`);
    await pages[2].evaluate(() => window.leaveRoom());
    for (const [i, page] of pages.slice(0, 2).entries()) {
      await waitInPage(page, () => window.room.events,
        (events) => events.some((e) => e.leaving === carol || e.unpublished === carol), 'carol leaving/unpublished');
      await waitInPage(page, () => window.transceivers(),
        // Stopped transceivers leave the list once the renegotiation is done.
        (ts) => carolMids[i].every((mid) => ts.every((x) => x.mid !== mid || x.direction === 'stopped' || x.direction === 'inactive')),
        "carol's m-lines removed");
      const live = await page.evaluate(() => window.inboundVideo());
      assert.ok(live.some((s) => s.frames > 0), 'the remaining subscription still decodes');
    }
    for (const page of pages) assert.deepEqual(page.problems, []);
  } catch (err) {
    throw withServerLog(server, err);
  }
});

// A publisher sending layers (simulcast or SVC) and a viewer that asks for the
// lowest and then the highest: the decoded width drops and recovers, and the
// switches stay keyframe-clean (PLIs bounded, no runaway frame drops).
async function switchLayers(t, { room, video, configure, codec }) {
  const { server, browser } = await roomServer(t, sfuConfig(room));
  try {
    const publisher = await openPage(browser, server);
    await publisher.evaluate(
      ({ server: url, room: id, video: v }) =>
        window.joinRoom({ server: url, room: id, display: 'layered', audio: false, video: v }),
      { server: server.urls['client-ws'], room: ROOM, video: { ...video, capture: { width: { ideal: 1280 }, height: { ideal: 720 } } } },
    );
    const viewer = await openPage(browser, server);
    await viewer.evaluate(
      ({ server: url, room: id }) => window.joinRoom({ server: url, room: id, display: 'viewer', audio: false }),
      { server: server.urls['client-ws'], room: ROOM },
    );
    const top = await waitInPage(viewer, () => window.inboundVideo(), (v) => v.some((s) => s.frames > 30 && s.width >= 1280),
      'the top layer decoded');
    const mid = top.find((s) => s.width >= 1280).mid;
    assert.equal(top.find((s) => s.mid === mid).codec, codec);
    const ask = (layer) =>
      viewer.evaluate(({ mid: m, stream }) =>
        window.room.sub.send({ message: { request: 'configure', streams: [{ mid: m, ...stream }] } }), { mid, stream: configure(layer) });

    await ask(0);
    const low = await waitInPage(viewer, () => window.inboundVideo(), (v) => v.some((s) => s.mid === mid && s.width > 0 && s.width <= 320),
      'the width to drop to the lowest layer');
    await ask(2);
    const back = await waitInPage(viewer, () => window.inboundVideo(),
      (v) => v.some((s) => s.mid === mid && s.width >= 1280 && s.frames > low.find((x) => x.mid === mid).frames + 30),
      'the width to recover');
    const end = back.find((s) => s.mid === mid);
    // Keyframe-clean: a switch waits for a keyframe, so the decoder never
    // asks again and again, and frames are not dropped wholesale.
    assert.ok(end.plis <= 10, `PLIs bounded: ${JSON.stringify(end)}`);
    assert.ok(end.dropped < end.frames / 4, `frames dropped bounded: ${JSON.stringify(end)}`);
  } catch (err) {
    throw withServerLog(server, err);
  }
}

test('simulcast: a subscriber switches substream 2 -> 0 -> 2 keyframe-clean', { timeout: TEST_TIMEOUT_MS }, (t) =>
  switchLayers(t, {
    room: { bitrate: 0 },
    video: { simulcast: true },
    configure: (layer) => ({ substream: layer }),
    codec: 'video/VP8',
  }));

test('VP9 SVC: a subscriber switches spatial layer 2 -> 0 -> 2', { timeout: TEST_TIMEOUT_MS }, (t) =>
  switchLayers(t, {
    room: { bitrate: 0, videocodec: 'vp9' },
    video: { svc: 'L3T3_KEY' },
    configure: (layer) => ({ spatial_layer: layer }),
    codec: 'video/VP9',
  }));

test('the fake microphone produces talking events', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  // The fake microphone beeps: its level averages about 80 -dBov over a
  // second (silence is 127), so a threshold of 95 tells the tone from silence.
  const { server, browser } = await roomServer(
    t, sfuConfig({ audiolevel_event: true, audio_active_packets: 50, audio_level_average: 95 }));
  try {
    const speaker = await openPage(browser, server);
    await speaker.evaluate(
      ({ server: url, room }) => window.joinRoom({ server: url, room, display: 'speaker' }),
      { server: server.urls['client-ws'], room: ROOM },
    );
    await waitInPage(speaker, () => window.room.events, (events) => events.some((e) => e.videoroom === 'talking'),
      'a talking event');
  } catch (err) {
    throw withServerLog(server, err);
  }
});

test("the demo's room page shows the other participant's video and its layer picker", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { server, browser } = await roomServer(t, sfuConfig({}));
  try {
    const origin = new URL(server.urls['client-http']).origin;
    const pages = [];
    for (const simulcast of [false, true]) {
      const page = await browser.newPage();
      page.problems = [];
      page.on('pageerror', (e) => page.problems.push(String(e)));
      await page.goto(`${origin}/room.html`);
      await page.fill('#ws-url', server.urls['client-ws']);
      if (simulcast) await page.check('#simulcast');
      await page.click('#join');
      pages.push(page);
    }
    // The first page gets a tile with the second's video playing, and a
    // layer picker because that participant publishes simulcast.
    await pages[0].waitForFunction(
      () => [...document.querySelectorAll('#grid figure:not(#me) video')].some((v) => v.videoWidth > 0),
      null, { timeout: MEDIA_TIMEOUT_MS });
    await pages[0].waitForSelector('#grid figure:not(#me) figcaption select', { timeout: MEDIA_TIMEOUT_MS });
    await pages[1].waitForFunction(
      () => [...document.querySelectorAll('#grid figure:not(#me) video')].some((v) => v.videoWidth > 0),
      null, { timeout: MEDIA_TIMEOUT_MS });
    for (const page of pages) assert.deepEqual(page.problems, []);
  } catch (err) {
    throw withServerLog(server, err);
  }
});

test('janus.js handles present join tickets as tokens; without "video" a participant publishes audio only', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const config = JSON.parse(testConfig());
  config.auth = { mode: 'ticket', ticket_secret: 'e2e-join-ticket-secret-0123456789abcdef', server_id: 'e2e' };
  const { server, browser } = await roomServer(t, sfuConfig({}), JSON.stringify(config));
  const mint = async (user, permissions) => {
    const r = await fetch(server.urls['admin-http'], {
      method: 'POST',
      body: JSON.stringify({ janus: 'mint_join_ticket', transaction: 'm', admin_secret: 'test-secret', channel_id: String(ROOM), user_uid: user, permissions }),
    });
    const answer = await r.json();
    assert.equal(answer.janus, 'success', JSON.stringify(answer));
    return answer.ticket;
  };
  const join = async (user, permissions, video) => {
    const page = await openPage(browser, server);
    const tokens = { pub: await mint(user, permissions), sub: await mint(user, permissions) };
    const joined = page.evaluate(
      ({ server: url, room, display, video: v, tokens: tk }) => window.joinRoom({ server: url, room, display, video: v, tokens: tk }),
      { server: server.urls['client-ws'], room: ROOM, display: user, video, tokens },
    );
    return { page, joined };
  };
  try {
    const alice = await join('alice', ['speak', 'video'], {});
    await alice.joined;

    const bobWithVideo = await join('bob', ['speak'], {});
    await assert.rejects(bobWithVideo.joined, /no permission to publish video/);

    const bob = await join('bob', ['speak'], false);
    await bob.joined;
    // Bob's subscriber handle (its own ticket) decodes Alice's video...
    await waitInPage(bob.page, () => window.inboundVideo(), (v) => v.some((s) => s.frames > 0), "alice's video decoded");
    // ...and Alice subscribes to Bob's audio, and nothing else of his.
    const bobId = await bob.page.evaluate(() => window.room.myId);
    const bobStreams = await waitInPage(alice.page, () => window.room.streams, (streams) => streams.some((s) => s.feed_id === bobId),
      "bob's stream subscribed");
    assert.deepEqual(bobStreams.filter((s) => s.feed_id === bobId).map((s) => s.type), ['audio']);
    assert.deepEqual(alice.page.problems, []);
  } catch (err) {
    throw withServerLog(server, err);
  }
});
