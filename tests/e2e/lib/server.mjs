// Starts the portunus binary for a browser test: writes a temporary config
// dir, waits for the "listening" lines (an event, not a sleep) and stops it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PORTUNUS_BIN = process.env.PORTUNUS_BIN || path.resolve(HERE, '../../../build/bin/portunus');
export const STARTUP_TIMEOUT_MS = 20_000;
export const SHUTDOWN_TIMEOUT_MS = 10_000;
const LISTEN_RE = /listening (client-http|client-ws|admin-http|admin-ws) (\S+)/;

// A loopback config on free ports; `media` is merged into its "media" section.
export function testConfig({ media = {}, adminSecret = 'test-secret', logLevel = 'info' } = {}) {
  return JSON.stringify({
    general: { log_level: logLevel, session_timeout_s: 60 },
    client_api: { http: { bind: '127.0.0.1', port: 0 }, websocket: { bind: '127.0.0.1', port: 0 } },
    admin_api: {
      http: { bind: '127.0.0.1', port: 0 },
      websocket: { bind: '127.0.0.1', port: 0 },
      admin_secret: adminSecret,
    },
    media: { ...media, ice: { interfaces: ['127.0.0.1'], ...(media.ice || {}) } },
  }, null, 2);
}

// Starts the server with `config` (text of portunus.jsonc) and plugin configs
// ({name: text}). Resolves once the client listeners are up.
export async function startServer(config, plugins = { echotest: '{ "enabled": true }' }) {
  if (!fs.existsSync(PORTUNUS_BIN)) {
    throw new Error(`server binary not found at ${PORTUNUS_BIN} (set PORTUNUS_BIN or build the 'portunus' target)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portunus-e2e-'));
  fs.writeFileSync(path.join(dir, 'portunus.jsonc'), config);
  fs.mkdirSync(path.join(dir, 'plugins.d'));
  for (const [name, text] of Object.entries(plugins)) fs.writeFileSync(path.join(dir, 'plugins.d', `${name}.jsonc`), text);

  const proc = spawn(PORTUNUS_BIN, ['--config-dir', dir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const s = { proc, dir, log: [], urls: {} };
  s.logText = () => s.log.join('\n');
  s.exit = new Promise((resolve) =>
    proc.once('exit', (code, signal) => {
      s.log.push(`[e2e] server process exited: code ${code}, signal ${signal}`);
      resolve({ code, signal });
    }),
  );
  s.stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
    const result = await s.exit;
    clearTimeout(timer);
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
  };
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not print its client 'listening' lines within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    const onLine = (stream) => (line) => {
      s.log.push(stream === 'stderr' ? line : `[stdout] ${line}`);
      const m = LISTEN_RE.exec(line);
      if (m) s.urls[m[1]] = m[2];
      if (s.urls['client-http'] && s.urls['client-ws']) {
        clearTimeout(timer);
        resolve();
      }
    };
    createInterface({ input: proc.stderr }).on('line', onLine('stderr'));
    createInterface({ input: proc.stdout }).on('line', onLine('stdout'));
    proc.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${PORTUNUS_BIN}: ${err.message}`));
    });
    s.exit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal})`));
    });
  });
  try {
    await ready;
  } catch (err) {
    err.message += `\n--- server log ---\n${s.logText()}`;
    throw err;
  }
  return s;
}
