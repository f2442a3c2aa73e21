import { describe, expect, it } from 'vitest';
import { encodeFix } from '../../src/fix/encode.js';
import type { FixField } from '../../src/fix/message.js';
import { parseFix } from '../../src/fix/parse.js';
import { formatUtcTimestamp, parseUtcTimestamp } from '../../src/fix/timestamp.js';
import { validateReceipt } from '../../src/fix/validate.js';

const NOW = Date.UTC(2026, 11, 6, 3, 22, 0, 123);
const expect_ = { ourCompId: 'EXO', theirCompId: 'VENUE', now: NOW, maxSkewMs: 120_000 };

function check(fields: FixField[]) {
  return validateReceipt(parseFix(encodeFix(fields)).message, expect_);
}

const good: FixField[] = [
  [35, '0'],
  [49, 'VENUE'],
  [56, 'EXO'],
  [34, '7'],
  [52, formatUtcTimestamp(NOW)],
];

describe('validation on receipt', () => {
  it('accepts a well-formed message', () => {
    expect(check(good)).toBeUndefined();
  });

  it('a missing header tag is RequiredTagMissing with its RefTagID', () => {
    expect(check(good.filter(([t]) => t !== 34))).toMatchObject({ reason: 1, refTagId: 34 });
    expect(check(good.filter(([t]) => t !== 52))).toMatchObject({ reason: 1, refTagId: 52 });
  });

  it('wrong CompIDs are CompID problems that log out', () => {
    const other = good.map(([t, v]): FixField => [t, t === 49 ? 'OTHER' : v]);
    expect(check(other)).toMatchObject({ reason: 9, refTagId: 49, logout: true });
    const target = good.map(([t, v]): FixField => [t, t === 56 ? 'NOTME' : v]);
    expect(check(target)).toMatchObject({ reason: 9, refTagId: 56, logout: true });
  });

  it('SendingTime more than 120 s away is a SendingTime accuracy problem; within is fine', () => {
    const at = (ms: number) =>
      good.map(([t, v]): FixField => [t, t === 52 ? formatUtcTimestamp(ms) : v]);
    expect(check(at(NOW - 120_000))).toBeUndefined();
    expect(check(at(NOW + 120_001))).toMatchObject({ reason: 10, refTagId: 52, logout: true });
    expect(check(good.map(([t, v]): FixField => [t, t === 52 ? 'yesterday' : v]))).toMatchObject({
      reason: 6,
      refTagId: 52,
    });
  });

  it('a PossDup message needs an OrigSendingTime no later than its SendingTime; a SequenceReset does not', () => {
    const possDup = [...good.slice(0, 4), [43, 'Y'] as FixField, good[4]!];
    expect(check(possDup)).toMatchObject({ reason: 1, refTagId: 122 });
    expect(check([...possDup, [122, formatUtcTimestamp(NOW - 5_000)]])).toBeUndefined();
    expect(check([...possDup, [122, formatUtcTimestamp(NOW + 1)]])).toMatchObject({
      reason: 10,
      refTagId: 122,
      logout: true,
    });
    const gapFill = possDup.map(([t, v]): FixField => [t, t === 35 ? '4' : v]);
    expect(check([...gapFill, [123, 'Y'], [36, '9']])).toBeUndefined();
  });

  it('MsgType not third is out of order', () => {
    expect(check([good[1]!, good[0]!, ...good.slice(2)])).toMatchObject({
      reason: 14,
      refTagId: 35,
    });
  });

  it('timestamps round-trip with milliseconds and accept seconds and microseconds', () => {
    expect(parseUtcTimestamp(formatUtcTimestamp(NOW))).toBe(NOW);
    expect(parseUtcTimestamp('20261206-03:22:00')).toBe(NOW - 123);
    expect(parseUtcTimestamp('20261206-03:22:00.123456')).toBe(NOW);
    expect(parseUtcTimestamp('20261306-03:22:00')).toBeUndefined();
  });
});
