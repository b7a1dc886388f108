// Real-browser end-to-end test: the unmodified janus.js (npm janus-gateway) in headless
// Debian Chromium drives Portunus through the Janus protocol v1, over both client
// transports (WebSocket, then HTTP long-poll): create session -> attach echotest ->
// message -> plugin event -> detach -> destroy.
//
// Run: node --test tests/e2e/janus_js_signaling.test.mjs
// Env: PORTUNUS_BIN (default ../../build/bin/portunus relative to this file),
//      CHROMIUM (default /usr/bin/chromium),
//      E2E_TRACE=1 to print the protocol traffic and server log even when the test passes.
// Needs: npm ci in tests/e2e (playwright-core, janus-gateway, webrtc-adapter).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, NODE_MODULES } from './lib/browser.mjs';
import { startServer, testConfig } from './lib/server.mjs';

// The exact files the server must serve as /vendor/janus.js and /vendor/adapter.js.
const VENDOR_FILES = {
  '/vendor/janus.js': path.join(NODE_MODULES, 'janus-gateway/npm/src/janus.js'),
  '/vendor/adapter.js': path.join(NODE_MODULES, 'webrtc-adapter/out/adapter.js'),
};
const PLUGIN = 'janus.plugin.echotest';

// Safety nets only; every wait below is on an event, never on a sleep.
const STEP_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------
// Shared state for the whole file: one server, one browser.
let server = null; // { proc, log: string[], urls: {}, exit: Promise<{code, signal}> }
let browser = null;
let pageOrigin = null;

function serverLog() {
  return server ? server.log.join('\n') : '(server not started)';
}

before(async () => {
  server = await startServer(testConfig());
  const httpUrl = new URL(server.urls['client-http']);
  assert.match(httpUrl.protocol, /^http:$/, `client-http URL ${httpUrl}`);
  assert.match(server.urls['client-ws'], /^ws:\/\//, `client-ws URL ${server.urls['client-ws']}`);
  pageOrigin = httpUrl.origin;

  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  // Normally the last test has already stopped the server; this is only for early failures.
  if (server && server.proc.exitCode === null && server.proc.signalCode === null) {
    server.proc.kill('SIGKILL');
    await server.exit;
  }
});

// ---------------------------------------------------------------------------
// Helpers

// Opens the server's demo page in a fresh context and records everything janus.js
// puts on the wire (WebSocket frames and HTTP exchanges) and logs to the console.
async function openDemoPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const rec = { wire: [], console: [], pageErrors: [], pendingPosts: new Set(), bodyReads: new Set(), waiters: new Set() };
  const push = (entry) => {
    rec.wire.push(entry);
    for (const w of [...rec.waiters]) w();
  };
  const parse = (text) => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  page.on('console', (msg) => {
    const loc = msg.location();
    rec.console.push({ type: msg.type(), text: msg.text(), url: loc && loc.url });
  });
  page.on('pageerror', (err) => rec.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => push({ t: 'ws', dir: 'sent', url: ws.url(), msg: parse(f.payload) }));
    ws.on('framereceived', (f) => push({ t: 'ws', dir: 'recv', url: ws.url(), msg: parse(f.payload) }));
    ws.on('socketerror', (e) => push({ t: 'ws', dir: 'error', url: ws.url(), msg: String(e) }));
    ws.on('close', () => push({ t: 'ws', dir: 'close', url: ws.url(), msg: null }));
  });
  // HTTP: every exchange with /janus is recorded once it has finished (or failed).
  page.on('request', (req) => {
    if (!new URL(req.url()).pathname.startsWith('/janus')) return;
    const done = new Promise((resolve) => {
      const onFinished = (r) => {
        if (r !== req) return;
        page.off('requestfinished', onFinished);
        page.off('requestfailed', onFailed);
        const read = (async () => {
          const resp = await req.response().catch(() => null);
          const sent = req.postData();
          push({
            t: 'http',
            dir: 'exchange',
            method: req.method(),
            url: req.url(),
            sentMsg: sent ? parse(sent) : null,
            status: resp ? resp.status() : null,
            msg: resp ? parse(await resp.text().catch((e) => `<<body unavailable: ${e.message}>>`)) : null,
          });
        })();
        rec.bodyReads.add(read);
        read.finally(() => rec.bodyReads.delete(read)).then(resolve);
      };
      const onFailed = (r) => {
        if (r !== req) return;
        page.off('requestfinished', onFinished);
        page.off('requestfailed', onFailed);
        push({ t: 'http', dir: 'failed', method: req.method(), url: req.url(), msg: req.failure() });
        resolve();
      };
      page.on('requestfinished', onFinished);
      page.on('requestfailed', onFailed);
    });
    // Long-poll GETs may legitimately stay open; only POSTs are waited for.
    if (req.method() === 'POST') {
      rec.pendingPosts.add(done);
      done.finally(() => rec.pendingPosts.delete(done));
    }
  });

  const resp = await page.goto(`${pageOrigin}/`);
  assert.ok(resp && resp.ok(), `GET ${pageOrigin}/ (demo page) answered ${resp && resp.status()}`);
  // Use the page's own copies if it loads them; otherwise inject the server's vendor files.
  if (!(await page.evaluate(() => typeof window.adapter === 'object' && window.adapter !== null))) {
    await page.addScriptTag({ url: '/vendor/adapter.js' });
  }
  if (!(await page.evaluate(() => typeof window.Janus === 'function'))) {
    await page.addScriptTag({ url: '/vendor/janus.js' });
  }
  assert.equal(await page.evaluate(() => typeof window.adapter), 'object', 'window.adapter after loading /vendor/adapter.js');
  assert.equal(await page.evaluate(() => typeof window.Janus), 'function', 'window.Janus after loading /vendor/janus.js');
  return { context, page, rec };
}

// The whole janus.js flow, run inside the page. Resolves with a record of what happened;
// rejects naming the step that failed or stalled.
function janusFlowInPage({ server, plugin, stepTimeoutMs }) {
  const steps = [];
  const gatewayErrors = [];
  let destroyedCalls = 0;
  let detachedCalls = 0;
  const messages = [];
  let gotMessage;
  const firstMessage = new Promise((resolve) => (gotMessage = resolve));
  const describe = (e) => (typeof e === 'string' ? e : e instanceof Error ? e.message : JSON.stringify(e));
  const step = (name, executor) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `step '${name}' did not complete within ${stepTimeoutMs} ms ` +
                `(done: ${steps.join(' > ') || 'nothing'}; gateway errors: ${JSON.stringify(gatewayErrors)})`,
            ),
          ),
        stepTimeoutMs,
      );
      executor(
        (value) => {
          clearTimeout(timer);
          steps.push(name);
          resolve(value);
        },
        (err) => {
          clearTimeout(timer);
          reject(new Error(`step '${name}' failed: ${describe(err)} (done: ${steps.join(' > ') || 'nothing'})`));
        },
      );
    });

  return (async () => {
    await step('init', (ok) => Janus.init({ debug: ['warn', 'error'], callback: ok }));
    let janus;
    await step('create', (ok, fail) => {
      let created = false;
      janus = new Janus({
        server,
        success: () => {
          created = true;
          ok();
        },
        error: (e) => {
          gatewayErrors.push(describe(e));
          if (!created) fail(e);
        },
        destroyed: () => destroyedCalls++,
      });
    });
    const sessionId = janus.getSessionId();
    const connectedAfterCreate = janus.isConnected();

    const handle = await step('attach', (ok, fail) =>
      janus.attach({
        plugin,
        opaqueId: `portunus-e2e-${Janus.randomString(8)}`,
        success: ok,
        error: fail,
        onmessage: (msg, jsep) => {
          messages.push({ msg, jsep: jsep === undefined ? null : jsep });
          gotMessage();
        },
        ondetached: () => detachedCalls++,
      }),
    );
    const handleId = handle.getId();
    const handlePlugin = handle.getPlugin();

    const sendResult = await step('send', (ok, fail) =>
      handle.send({ message: { audio: true, video: true }, success: ok, error: fail }),
    );
    await step('onmessage', (ok) => firstMessage.then(ok));
    await step('detach', (ok, fail) => handle.detach({ success: ok, error: fail }));
    await step('destroy', (ok, fail) => janus.destroy({ success: ok, error: fail }));

    return {
      steps,
      sessionId,
      sessionIdType: typeof sessionId,
      connectedAfterCreate,
      handleId,
      handleIdType: typeof handleId,
      handlePlugin,
      sendResult: sendResult === undefined ? null : sendResult,
      messages,
      destroyedCalls,
      detachedCalls,
      gatewayErrors,
    };
  })();
}

function formatDiagnostics(rec) {
  const wire = rec ? rec.wire.map((w) => JSON.stringify(w)).join('\n') : '(none)';
  const cons = rec ? rec.console.map((c) => `[${c.type}] ${c.text} (${c.url || '?'})`).join('\n') : '(none)';
  const perr = rec && rec.pageErrors.length ? rec.pageErrors.join('\n') : '(none)';
  return (
    `\n--- janus protocol traffic seen by the browser ---\n${wire}` +
    `\n--- browser console ---\n${cons}` +
    `\n--- page errors ---\n${perr}` +
    `\n--- server log ---\n${serverLog()}\n--- end ---`
  );
}

// Resolves once predicate() holds, re-checking whenever traffic is recorded (no polling).
function waitForWire(rec, what, predicate) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = predicate();
      if (!v) return;
      clearTimeout(timer);
      rec.waiters.delete(check);
      resolve(v);
    };
    const timer = setTimeout(() => {
      rec.waiters.delete(check);
      reject(new Error(`never saw ${what} on the wire within ${STEP_TIMEOUT_MS} ms`));
    }, STEP_TIMEOUT_MS);
    rec.waiters.add(check);
    check();
  });
}

// Messages janus.js sent (WS frames or HTTP POST bodies) and what came back.
function sentRequests(rec) {
  return rec.wire
    .map((w) => (w.t === 'ws' && w.dir === 'sent' ? w.msg : w.t === 'http' && w.dir === 'exchange' ? w.sentMsg : null))
    .filter((m) => m && typeof m === 'object');
}
function receivedMessages(rec) {
  const out = [];
  for (const w of rec.wire) {
    if (!((w.t === 'ws' && w.dir === 'recv') || (w.t === 'http' && w.dir === 'exchange'))) continue;
    if (Array.isArray(w.msg)) out.push(...w.msg);
    else if (w.msg && typeof w.msg === 'object') out.push(w.msg);
  }
  return out;
}
async function requestOf(rec, janusVerb) {
  await waitForWire(rec, `janus.js's '${janusVerb}' request`, () => sentRequests(rec).some((m) => m.janus === janusVerb));
  const reqs = sentRequests(rec).filter((m) => m.janus === janusVerb);
  assert.equal(reqs.length, 1, `expected exactly one '${janusVerb}' request on the wire, saw ${reqs.length}`);
  return reqs[0];
}
function repliesTo(rec, req) {
  return receivedMessages(rec).filter((m) => m.transaction === req.transaction && m.janus !== 'event');
}
// janus.js does not wait for some replies (WebSocket detach), so wait for them here.
async function replyTo(rec, req) {
  await waitForWire(rec, `a reply to '${req.janus}' (transaction ${req.transaction})`, () => repliesTo(rec, req).length > 0);
  const replies = repliesTo(rec, req);
  assert.equal(replies.length, 1, `exactly one reply to '${req.janus}': ${JSON.stringify(replies)}`);
  return replies[0];
}

async function postJson(url, body) {
  const resp = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await resp.text();
  try {
    return { status: resp.status, json: JSON.parse(text) };
  } catch {
    return { status: resp.status, json: null, text };
  }
}

async function runTransport(serverUrl) {
  let rec = null;
  let ctx = null;
  try {
    const opened = await openDemoPage();
    rec = opened.rec;
    ctx = opened.context;
    const r = await opened.page.evaluate(janusFlowInPage, {
      server: serverUrl,
      plugin: PLUGIN,
      stepTimeoutMs: STEP_TIMEOUT_MS,
    });
    // Every HTTP POST janus.js made must be recorded before we look at the wire.
    await Promise.all([...rec.pendingPosts]);

    // What janus.js itself reported.
    assert.deepEqual(r.steps, ['init', 'create', 'attach', 'send', 'onmessage', 'detach', 'destroy'], 'janus.js steps');
    assert.equal(r.sessionIdType, 'number', `session id must be a JSON number, got ${JSON.stringify(r.sessionId)}`);
    assert.ok(Number.isSafeInteger(r.sessionId) && r.sessionId > 0, `session id ${r.sessionId} must be a positive safe integer`);
    assert.equal(r.connectedAfterCreate, true, 'janus.isConnected() after create');
    assert.equal(r.handleIdType, 'number', `handle id must be a JSON number, got ${JSON.stringify(r.handleId)}`);
    assert.ok(Number.isSafeInteger(r.handleId) && r.handleId > 0, `handle id ${r.handleId} must be a positive safe integer`);
    assert.equal(r.handlePlugin, PLUGIN);
    assert.equal(r.sendResult, null, 'echotest answers a message with an ack (async event), not a synchronous success');
    assert.equal(r.messages.length, 1, `exactly one onmessage, got ${JSON.stringify(r.messages)}`);
    assert.deepEqual(r.messages[0].msg, { echotest: 'event', result: 'ok' }, 'onmessage data');
    assert.equal(r.messages[0].jsep, null, 'no jsep was offered, so none may come back');
    assert.deepEqual(r.gatewayErrors, [], 'Janus error callback must not fire');
    assert.equal(r.destroyedCalls, 1, "Janus 'destroyed' callback fired once");

    // What the server actually answered: janus.js fires some success callbacks without
    // waiting for (or whatever is in) the reply, so check the replies on the wire.
    const create = await requestOf(rec, 'create');
    const createReply = [await replyTo(rec, create)];
    assert.equal(createReply[0].janus, 'success');
    assert.equal(createReply[0].data && createReply[0].data.id, r.sessionId, 'create reply data.id');

    const attach = await requestOf(rec, 'attach');
    const attachReply = [await replyTo(rec, attach)];
    assert.equal(attachReply[0].janus, 'success');
    assert.equal(attachReply[0].session_id, r.sessionId, 'attach reply session_id');
    assert.equal(attachReply[0].data && attachReply[0].data.id, r.handleId, 'attach reply data.id');

    const message = await requestOf(rec, 'message');
    const messageReply = [await replyTo(rec, message)];
    assert.equal(messageReply[0].janus, 'ack', 'message reply');
    assert.equal(messageReply[0].session_id, r.sessionId, 'ack session_id');
    await waitForWire(rec, 'the plugin event', () => receivedMessages(rec).some((m) => m.janus === 'event'));
    const events = receivedMessages(rec).filter((m) => m.janus === 'event');
    assert.equal(events.length, 1, `one plugin event: ${JSON.stringify(events)}`);
    assert.equal(events[0].session_id, r.sessionId, 'event session_id');
    assert.equal(events[0].sender, r.handleId, 'event sender');
    assert.equal(events[0].transaction, message.transaction, 'event carries the transaction of the message it answers');
    assert.equal(events[0].plugindata && events[0].plugindata.plugin, PLUGIN, 'event plugindata.plugin is the name the client attached to');

    const detach = await requestOf(rec, 'detach');
    const detachReply = [await replyTo(rec, detach)];
    assert.equal(detachReply[0].janus, 'success', 'detach reply');
    assert.equal(detachReply[0].session_id, r.sessionId, 'detach reply session_id');

    const destroy = await requestOf(rec, 'destroy');
    const destroyReply = [await replyTo(rec, destroy)];
    assert.equal(destroyReply[0].janus, 'success', 'destroy reply');
    assert.equal(destroyReply[0].session_id, r.sessionId, 'destroy reply session_id');

    // janus.js logs (warn/error) point at protocol trouble it tolerated.
    // Responses that finished before janus.js logged anything must be on record first.
    await Promise.all([...rec.bodyReads]);
    // One benign exception: over HTTP, a long-poll GET that races the destroy may be answered
    // 458 (session gone), which janus.js logs as "Ooops: 458 ..." (real Janus does the same).
    const lateLongPoll458 = rec.wire.some(
      (w) => w.t === 'http' && w.method === 'GET' && w.msg && w.msg.janus === 'error' && w.msg.error && w.msg.error.code === 458,
    );
    const janusComplaints = rec.console.filter(
      (c) =>
        (c.type === 'error' || c.type === 'warning') &&
        c.url &&
        c.url.includes('janus.js') &&
        !(lateLongPoll458 && /^Ooops: 458\b/.test(c.text)),
    );
    assert.deepEqual(janusComplaints, [], 'janus.js logged warnings/errors');
    assert.deepEqual(rec.pageErrors, [], 'uncaught page errors');

    // The session is really gone on the server.
    const afterDestroy = await postJson(`${server.urls['client-http']}/${r.sessionId}`, {
      janus: 'keepalive',
      transaction: 'e2e-after-destroy',
    });
    assert.ok(afterDestroy.json, `keepalive on destroyed session: non-JSON answer (HTTP ${afterDestroy.status}): ${afterDestroy.text}`);
    assert.equal(afterDestroy.json.janus, 'error', `keepalive on destroyed session: ${JSON.stringify(afterDestroy.json)}`);
    assert.equal(afterDestroy.json.error && afterDestroy.json.error.code, 458, 'JANUS_ERROR_SESSION_NOT_FOUND');
    assert.equal(afterDestroy.json.transaction, 'e2e-after-destroy');
    if (process.env.E2E_TRACE) process.stderr.write(`[${serverUrl}] passed${formatDiagnostics(rec)}\n`);
    return r;
  } catch (err) {
    err.message = `[${serverUrl}] ${err.message}${formatDiagnostics(rec)}`;
    throw err;
  } finally {
    if (ctx) await ctx.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Tests (run in order)

test('server serves the unmodified janus.js and adapter.js', { timeout: TEST_TIMEOUT_MS }, async () => {
  for (const [urlPath, file] of Object.entries(VENDOR_FILES)) {
    const expected = fs.readFileSync(file);
    const resp = await fetch(`${pageOrigin}${urlPath}`);
    assert.equal(resp.status, 200, `GET ${urlPath}`);
    const got = Buffer.from(await resp.arrayBuffer());
    assert.ok(got.equals(expected), `${urlPath} differs from ${path.relative(NODE_MODULES, file)} (${got.length} vs ${expected.length} bytes)`);
  }
});

test('janus.js over WebSocket: create, attach echotest, message, event, detach, destroy', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const r = await runTransport(server.urls['client-ws']);
  t.diagnostic(`ws: session ${r.sessionId}, handle ${r.handleId}, steps ${r.steps.join(' > ')}`);
});

test('janus.js over HTTP long-poll: create, attach echotest, message, event, detach, destroy', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const r = await runTransport(server.urls['client-http']);
  t.diagnostic(`http: session ${r.sessionId}, handle ${r.handleId}, steps ${r.steps.join(' > ')}`);
});

test('server exits 0 on SIGTERM', { timeout: TEST_TIMEOUT_MS }, async () => {
  // Close the browser first so no connection is left open from our side.
  await browser.close();
  browser = null;
  assert.ok(server.proc.exitCode === null && server.proc.signalCode === null, `server died early${formatDiagnostics(null)}`);
  server.proc.kill('SIGTERM');
  let timer;
  const res = await Promise.race([
    server.exit,
    new Promise((resolve) => (timer = setTimeout(() => resolve(null), SHUTDOWN_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (res === null) {
    server.proc.kill('SIGKILL');
    await server.exit;
    assert.fail(`server did not exit within ${SHUTDOWN_TIMEOUT_MS} ms of SIGTERM${formatDiagnostics(null)}`);
  }
  assert.deepEqual(res, { code: 0, signal: null }, `server exit after SIGTERM${formatDiagnostics(null)}`);
});
