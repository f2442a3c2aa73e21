import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { runReplay } from '../../src/replay/run-replay.js';
import type { TickEvent } from '../../src/ticks/tick-event.js';
import { definition, nowUs, order, quote, T0, withAlgo } from './fixtures.js';

interface Logged {
  readonly who: string;
  readonly us: number;
  readonly wakeups: number;
  readonly instructions: number;
  readonly bid: string | undefined;
}

describe('replay instants', () => {
  it('runs a timer, then an instruction, then a quote that share an instant', async () => {
    const instant = T0 + 5000;
    const events: TickEvent[] = [
      definition(T0),
      quote(T0, '100.00', '100.01'),
      quote(instant, '99.00', '99.01'),
    ];
    const log: Logged[] = [];
    const factory = withAlgo('log', (parent, context) => ({
      action: (update) => {
        // The earlier order asks to be woken at the instant on its first update.
        if (parent.orderId === 'replay-1' && update.instructions.length > 0)
          context.wakeAt(instant / 1000);
        log.push({
          who: parent.orderId,
          us: nowUs(context),
          wakeups: update.wakeups.length,
          instructions: update.instructions.length,
          bid: update.quote?.bidPx.toFixed(2),
        });
        return false;
      },
    }));
    await runReplay(
      [events],
      [order({ algo: 'log', startUs: T0 + 1000 }), order({ algo: 'log', startUs: instant })],
      { seed: 1, createFactory: factory },
    );
    const atInstant = log.filter((entry) => entry.us === instant);
    const quoted = decimal('99.00').toFixed(2);
    const woken = atInstant.findIndex((e) => e.who === 'replay-1' && e.wakeups === 1);
    const placed = atInstant.findIndex((e) => e.who === 'replay-2' && e.instructions === 1);
    const firstQuote = atInstant.findIndex((e) => e.bid === quoted);
    expect(woken).toBe(0);
    expect(placed).toBeGreaterThan(woken);
    expect(firstQuote).toBeGreaterThan(placed);
    // Neither the timer's update nor the instruction's saw the instant's quote; both orders then get it.
    expect(atInstant[woken]!.bid).toBeUndefined();
    expect(atInstant[placed]!.bid).not.toBe(quoted);
    expect(new Set(atInstant.filter((e) => e.bid === quoted).map((e) => e.who))).toEqual(
      new Set(['replay-1', 'replay-2']),
    );
  });
});
