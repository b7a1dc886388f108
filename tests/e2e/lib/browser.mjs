// Debian's Chromium, headless, through playwright-core: fake camera and
// microphone, and ICE allowed on loopback with real addresses (no mDNS).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const NODE_MODULES = path.resolve(HERE, '../node_modules');

// Fail loudly (never skip) when `npm ci` was not run in tests/e2e.
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
  fs.accessSync(path.join(NODE_MODULES, 'janus-gateway/npm/src/janus.js'));
} catch (err) {
  throw new Error(`tests/e2e dependencies missing (${err.message}): run \`npm ci\` in ${path.dirname(NODE_MODULES)}`);
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
}
