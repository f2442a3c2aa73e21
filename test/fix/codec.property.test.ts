import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFix } from '../../src/fix/encode.js';
import type { FixField } from '../../src/fix/message.js';
import { parseFix } from '../../src/fix/parse.js';
import { FixSplitter } from '../../src/fix/splitter.js';

const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 10 }))
  .map(([digits, scale]) => {
    const text = (digits < 0n ? -digits : digits).toString().padStart(scale + 1, '0');
    const point = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
    return digits < 0n ? `-${point}` : point;
  });
const id = fc.stringMatching(/^[A-Za-z0-9_.:\-/]{1,40}$/);
const text = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => !s.includes('\x01'));
const side = fc.constantFrom('1', '2', '5');
const ordType = fc.constantFrom('1', '2');
const time = fc.constant('20261206-03:22:00.123');

const header = (type: string, seq: number): FixField[] => [
  [35, type],
  [49, 'EXO'],
  [56, 'VENUE'],
  [34, String(seq)],
  [52, '20261206-03:22:00.000'],
];

/** D, G, F, 8 and 9 with the fields the adapter uses, values drawn at random. */
const message = fc.oneof(
  fc
    .tuple(id, id, side, decimal, ordType, decimal, time)
    .map(([cl, sym, s, qty, t, px, tt]): FixField[] => [
      ...header('D', 1),
      [11, cl],
      [55, sym],
      [54, s],
      [60, tt],
      [38, qty],
      [40, t],
      [44, px],
    ]),
  fc
    .tuple(id, id, id, decimal, decimal)
    .map(([cl, orig, sym, qty, px]): FixField[] => [
      ...header('G', 2),
      [11, cl],
      [41, orig],
      [55, sym],
      [54, '1'],
      [60, '20261206-03:22:00.000'],
      [38, qty],
      [40, '2'],
      [44, px],
    ]),
  fc
    .tuple(id, id, id)
    .map(([cl, orig, sym]): FixField[] => [
      ...header('F', 3),
      [11, cl],
      [41, orig],
      [55, sym],
      [54, '2'],
      [60, '20261206-03:22:00.000'],
    ]),
  fc
    .tuple(
      id,
      id,
      id,
      fc.constantFrom('0', '4', '5', '8', 'F', 'C'),
      decimal,
      decimal,
      decimal,
      decimal,
      text,
    )
    .map(([order, exec, cl, execType, lastQty, lastPx, cum, avg, t]): FixField[] => [
      ...header('8', 4),
      [37, order],
      [17, exec],
      [11, cl],
      [150, execType],
      [39, '1'],
      [32, lastQty],
      [31, lastPx],
      [14, cum],
      [6, avg],
      [151, '0'],
      [58, t],
    ]),
  fc
    .tuple(id, id, id, text)
    .map(([order, cl, orig, t]): FixField[] => [
      ...header('9', 5),
      [37, order],
      [11, cl],
      [41, orig],
      [39, '8'],
      [434, '1'],
      [102, '1'],
      [58, t],
    ]),
);

describe('FIX codec', () => {
  it('D, G, F, 8 and 9 with random decimals, IDs and enums parse back to the same strings, checksum intact', () => {
    fc.assert(
      fc.property(message, (fields) => {
        const parsed = parseFix(encodeFix(fields));
        expect(parsed.problem).toBeUndefined();
        expect(parsed.message.fields.slice(2, -1)).toEqual(fields);
      }),
    );
  });

  it('arbitrary bytes never make the splitter or the parser throw', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }), (chunks) => {
        const splitter = new FixSplitter();
        for (const chunk of chunks) for (const frame of splitter.push(chunk)) parseFix(frame);
        for (const chunk of chunks) parseFix(chunk);
      }),
    );
  });

  it('frames with garbage around them, split at every byte position, give the same messages', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.uint8Array({ maxLength: 20 }),
        (messages, noise) => {
          const clean = Buffer.from(noise.filter((b) => b !== 0x38)); // no '8': cannot start a frame
          const stream = Buffer.concat(messages.flatMap((m) => [clean, encodeFix(m)]));
          const whole = new FixSplitter().push(stream).map((f) => f.toString('latin1'));
          expect(whole).toEqual(messages.map((m) => encodeFix(m).toString('latin1')));
          for (let cut = 0; cut <= stream.length; cut++) {
            const splitter = new FixSplitter();
            const frames = [
              ...splitter.push(stream.subarray(0, cut)),
              ...splitter.push(stream.subarray(cut)),
            ];
            expect(frames.map((f) => f.toString('latin1'))).toEqual(whole);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a wrong checksum is garbled; an empty value or a bad tag is a reject naming the reason and tag', () => {
    const frame = encodeFix(header('0', 1));
    const corrupt = Buffer.from(frame);
    corrupt[corrupt.length - 2] = corrupt[corrupt.length - 2] === 0x30 ? 0x31 : 0x30;
    expect(parseFix(corrupt).problem?.kind).toBe('garbled');
    const empty = Buffer.from(frame.toString('latin1').replace('49=EXO', '49='), 'latin1');
    expect(parseFix(empty).problem).toMatchObject({ kind: 'garbled' }); // checksum changed
    const body = '35=0\x0149=\x0156=V\x0134=1\x0152=20261206-03:22:00\x01x1=2\x01';
    const head = `8=FIX.4.4\x019=${body.length}\x01`;
    let sum = 0;
    for (const c of Buffer.from(head + body, 'latin1')) sum += c;
    const raw = Buffer.from(`${head}${body}10=${String(sum % 256).padStart(3, '0')}\x01`, 'latin1');
    expect(new FixSplitter().push(raw)).toHaveLength(1);
    expect(parseFix(raw).problem).toEqual({
      kind: 'reject',
      reason: 4,
      refTagId: 49,
      text: 'Tag 49 specified without a value',
    });
  });

  it('encode refuses an empty value or one holding SOH', () => {
    expect(() =>
      encodeFix([
        [35, '0'],
        [58, ''],
      ]),
    ).toThrow(/58/);
    expect(() =>
      encodeFix([
        [35, '0'],
        [58, 'a\x01b'],
      ]),
    ).toThrow(/58/);
  });
});
