import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TurnCork } from '../../src/util/turn-cork.js';

/** A stream that records each write it is handed as the list of chunks in it. */
function recorder(): { stream: Writable; writes: string[][] } {
  const writes: string[][] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      writes.push([String(chunk)]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map(({ chunk }) => String(chunk)));
      done();
    },
  });
  return { stream, writes };
}

describe('TurnCork', () => {
  it('sends what one turn wrote in one write, in order, once the turn ends', async () => {
    const { stream, writes } = recorder();
    const cork = new TurnCork(stream);
    for (const text of ['a', 'b', 'c']) {
      cork.hold();
      stream.write(text);
    }
    expect(writes).toEqual([]);
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect(writes).toEqual([['a', 'b', 'c']]);
    cork.hold();
    stream.write('d');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(writes).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('flush sends at once, and the turn ending after it changes nothing', async () => {
    const { stream, writes } = recorder();
    const cork = new TurnCork(stream);
    cork.hold();
    stream.write('a');
    cork.hold();
    stream.write('b');
    cork.flush();
    expect(writes).toEqual([['a', 'b']]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(writes).toEqual([['a', 'b']]);
    expect(stream.writableCorked).toBe(0);
  });
});
