import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixStore } from '../../src/fix/store.js';

function path(): string {
  return join(mkdtempSync(join(tmpdir(), 'exo-fix-store-')), 'session.store');
}

describe('FIX session store', () => {
  it('a reopened store resumes both sequences and the sent application messages', () => {
    const file = path();
    const store = FixStore.open(file, 'never');
    store.recordSent(1);
    store.recordSent(2, Buffer.from('app-2'));
    store.recordSent(3);
    store.setNextTarget(5);
    store.close();
    const again = FixStore.open(file, 'never');
    expect([again.nextSenderSeq, again.nextTargetSeq]).toEqual([4, 5]);
    expect(again.sentMessage(2)?.toString()).toBe('app-2');
    expect(again.sentMessage(1)).toBeUndefined();
    again.close();
  });

  it('a reset empties the file and starts both sequences at 1; setSeqs keeps the messages', () => {
    const file = path();
    const store = FixStore.open(file, 'always');
    store.recordSent(1, Buffer.from('x'));
    store.setSeqs(7, 9);
    store.close();
    const set = FixStore.open(file);
    expect([set.nextSenderSeq, set.nextTargetSeq, set.sentMessage(1)?.toString()]).toEqual([
      7,
      9,
      'x',
    ]);
    set.reset();
    expect(readFileSync(file).length).toBe(0);
    set.recordSent(1);
    set.close();
    const again = FixStore.open(file);
    expect([again.nextSenderSeq, again.nextTargetSeq, again.sentMessage(1)]).toEqual([
      2,
      1,
      undefined,
    ]);
    again.close();
  });

  it('a torn write at every byte offset of the last record is dropped; everything before it survives', () => {
    const file = path();
    const store = FixStore.open(file, 'never');
    store.recordSent(1, Buffer.from('first'));
    store.setNextTarget(2);
    store.close();
    const before = readFileSync(file).length;
    const full = FixStore.open(file, 'never');
    full.recordSent(2, Buffer.from('second message'));
    full.close();
    const bytes = readFileSync(file);
    for (let cut = before; cut < bytes.length; cut++) {
      writeFileSync(file, bytes.subarray(0, cut));
      const torn = FixStore.open(file, 'never');
      expect([torn.nextSenderSeq, torn.nextTargetSeq, torn.sentMessage(2)]).toEqual([
        2,
        2,
        undefined,
      ]);
      expect(torn.sentMessage(1)?.toString()).toBe('first');
      torn.recordSent(2, Buffer.from('again'));
      torn.close();
      const reopened = FixStore.open(file, 'never');
      expect(reopened.sentMessage(2)?.toString()).toBe('again');
      reopened.close();
    }
  });

  it('a corrupt byte in the last record drops that record only', () => {
    const file = path();
    const store = FixStore.open(file, 'never');
    store.recordSent(1, Buffer.from('one'));
    store.recordSent(2, Buffer.from('two'));
    store.close();
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(file, bytes);
    const again = FixStore.open(file, 'never');
    expect(again.nextSenderSeq).toBe(2);
    again.close();
    truncateSync(file, 0);
    const empty = FixStore.open(file, 'never');
    expect([empty.nextSenderSeq, empty.nextTargetSeq]).toEqual([1, 1]);
    empty.close();
  });
});
