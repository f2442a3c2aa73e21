import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { JournalKind } from '../../src/journal/journal-kind.js';
import type { JournalEntry } from '../../src/journal/journal-row.js';

/** A fresh directory under the OS temp dir per test, removed after it. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-journal-'));
    dirs.push(dir);
    return dir;
  };
}

let keys = 0;

/** An entry with a fresh idempotency key unless one is given. */
export function entry(
  orderId: string,
  kind: JournalKind = 'instruction_accepted',
  body: unknown = { orderId },
  idempotencyKey = `key-${++keys}`,
): JournalEntry {
  return { orderId, kind, idempotencyKey, body };
}

/** Waits for the end of the current event-loop turn (and its group commit). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
