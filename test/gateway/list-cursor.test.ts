import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ListCursor, readCursor, writeCursor } from '../../src/gateway/list-cursor.js';
import { HttpError } from '../../src/server/http-error.js';

const place = fc.record(
  { cursor: fc.nat({ max: 1e12 }), skip: fc.nat({ max: 1e6 }) },
  { requiredKeys: ['skip'] },
);

describe('the gateway list cursor', () => {
  it('reads back what it wrote, for any places on any shards', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.nat({ max: 35 }).map(String), place), (entries) => {
        const cursor: ListCursor = new Map(
          Object.entries(entries).map(([shard, at]) => [Number(shard), at]),
        );
        expect(readCursor(writeCursor(cursor), 36)).toEqual(cursor);
      }),
    );
  });

  it('refuses anything it did not write, or a shard the journal does not have, with a 400 naming cursor', () => {
    const refused = (text: string, count = 4) => {
      try {
        readCursor(text, count);
        return undefined;
      } catch (error) {
        return error instanceof HttpError ? `${error.statusCode} ${error.message}` : 'other';
      }
    };
    const encode = (value: unknown) =>
      `g1.${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
    for (const text of [
      '12',
      'g1.',
      'g1.!!!',
      encode({}),
      encode([[0, 1]]),
      encode([[4, null, 0]]),
      encode([[0, -1, 0]]),
      encode([[0, null, 1.5]]),
      encode([
        [1, null, 0],
        [1, 2, 0],
      ]),
    ]) {
      expect(refused(text), text).toMatch(/^400 querystring\.cursor: /);
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        const outcome = refused(text);
        expect(outcome === undefined || outcome.startsWith('400 ')).toBe(true);
      }),
    );
  });
});
