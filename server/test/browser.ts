// Headless Chromium for the web apps' browser tests: Debian's /usr/bin/chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Where a test writes its screenshots: screenshots/<app>/<name>.png (ignored by git). */
export function screenshotPath(app: string, name: string): string {
  const dir = join(REPO_ROOT, 'screenshots', app);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
