import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** The Chromium the browser tests drive (Debian's package). */
const CHROMIUM = '/usr/bin/chromium';

/**
 * The market is random and on a real clock: a twap slice can miss when the price moves while it is
 * in flight, so a wait must outlast a few slices, not vitest's one-second default.
 */
export const SETTLE = { timeout: 10_000, interval: 50 };

/** A headless Chromium on a throwaway profile; `close` ends it and deletes the profile. */
export interface Chromium {
  readonly context: BrowserContext;
  /** The profile's directory, for files a test writes (screenshots). */
  readonly profile: string;
  close(): Promise<void>;
}

/** Starts a headless Chromium whose pages open at `viewport`, quiet on the network but for tests. */
export async function launchChromium(viewport: {
  width: number;
  height: number;
}): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'exo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    profile,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
