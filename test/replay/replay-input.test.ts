import { describe, expect, it } from 'vitest';
import { ReplayDataError } from '../../src/replay/replay-market.js';
import { ReplayTimeError, runReplay } from '../../src/replay/run-replay.js';
import { definition, order, quote, T0, trade, withAlgo } from './fixtures.js';

describe('replay input', () => {
  it('refuses events whose receive times go backwards, naming the event and both times', async () => {
    const events = [definition(T0), quote(T0 + 10, '1.00', '1.01'), quote(T0 + 5, '1.00', '1.01')];
    await expect(runReplay([events], [], { seed: 1 })).rejects.toThrow(
      new ReplayTimeError(
        `event 2: receive time ${T0 + 5} us is before the previous event's ${T0 + 10} us`,
      ),
    );
  });

  it('refuses a figure that is not a decimal where it is read, naming the symbol, time and field', async () => {
    const events = [definition(T0), quote(T0 + 10, '1.00', '1.01'), trade(T0 + 20, '1.0x', '1')];
    const watching = withAlgo('watch', () => ({ action: () => false }));
    const run = runReplay([events], [order({ algo: 'watch', startUs: T0 + 10 })], {
      seed: 1,
      createFactory: watching,
    });
    await expect(run).rejects.toThrow(
      new ReplayDataError(`BTC-USD event at ${T0 + 20} us: px: "1.0x" is not a decimal`),
    );
  });

  it('gives each delegate a PRNG of its own from the seed: the same draws on a rerun', async () => {
    const events = [definition(T0), quote(T0 + 10, '1.00', '1.01'), quote(T0 + 20, '1.00', '1.02')];
    const drawsOf = async (seed: number) => {
      const draws: number[][] = [];
      const drawing = withAlgo('draw', (_parent, context) => {
        const mine: number[] = [];
        draws.push(mine);
        return {
          action: () => {
            mine.push(context.random!());
            return false;
          },
        };
      });
      await runReplay(
        [events],
        [order({ algo: 'draw', startUs: T0 + 10 }), order({ algo: 'draw', startUs: T0 + 10 })],
        { seed, createFactory: drawing },
      );
      return draws;
    };
    const first = await drawsOf(5);
    expect(first[0]!.length).toBeGreaterThan(1);
    expect(await drawsOf(5)).toEqual(first);
    expect(first[1]).not.toEqual(first[0]);
    expect(await drawsOf(6)).not.toEqual(first);
  });

  it('notes instructions due after the recording ended, and intake refusals, never dropping them unsaid', async () => {
    const events = [definition(T0), quote(T0 + 10, '1.00', '1.01'), quote(T0 + 20, '1.00', '1.02')];
    const outcome = await runReplay(
      [events],
      [
        order({ algo: 'twap', startUs: T0 + 10, cancelAtUs: T0 + 50 }),
        order({ algo: 'twap', startUs: T0 + 30 }),
        order({ algo: 'nope', startUs: T0 + 10 }),
      ],
      { seed: 1 },
    );
    const [late, never, unknown] = outcome.orders;
    expect(late!.notes).toEqual([
      `cancel: due at ${T0 + 50} us, after the recording ended at ${T0 + 20} us`,
    ]);
    expect([never!.orderId, never!.status, never!.notes]).toEqual([
      '',
      'rejected',
      [`new: due at ${T0 + 30} us, after the recording ended at ${T0 + 20} us`],
    ]);
    expect([unknown!.status, unknown!.notes?.[0]]).toEqual([
      'rejected',
      expect.stringMatching(/^new: .*algo/),
    ]);
  });
});
