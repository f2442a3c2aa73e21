import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Report } from '../../src/market/report.js';
import { type AutoHaltCause, AutoHalts } from '../../src/risk/auto-halts.js';

const REJECT: Report = {
  orderId: 'p',
  clOrdId: 'p-1',
  execType: 'rejected',
  status: 'rejected',
  transactTime: 0,
};

function halts() {
  const clock = new VirtualClock(0);
  const fired: Array<{ cause: AutoHaltCause; reason: string }> = [];
  const auto = new AutoHalts({
    clock,
    venue: 'remote',
    trigger: (cause, reason) => fired.push({ cause, reason }),
  });
  return { clock, auto, fired, causes: () => fired.map((f) => f.cause) };
}

describe('AutoHalts', () => {
  it('fires nothing without limits: every automatic halt is off', () => {
    const { clock, auto, fired } = halts();
    auto.setLimits(undefined);
    for (let i = 0; i < 100; i++) auto.report(REJECT);
    auto.connection(false);
    clock.advance(3_600_000);
    auto.dailyLossBreached('daily loss 5000 is beyond the limit 1000');
    expect(fired).toEqual([]);
  });

  it('fires each cause the limits turn on, each once, until a reset re-arms them all', () => {
    const { clock, auto, fired, causes } = halts();
    auto.setLimits({
      rejectStorm: { rejects: 2, withinMs: 1000 },
      venueDisconnectMs: 500,
      dailyLoss: true,
    });
    auto.report(REJECT);
    auto.report(REJECT);
    auto.connection(false);
    clock.advance(500);
    auto.dailyLossBreached('daily loss 5000 is beyond the limit 1000');
    auto.dailyLossBreached('daily loss 6000 is beyond the limit 1000');
    auto.report(REJECT);
    expect(causes()).toEqual(['reject_storm', 'venue_disconnect', 'daily_loss']);
    expect(fired[2]!.reason).toBe('daily loss 5000 is beyond the limit 1000');

    auto.reset();
    auto.report(REJECT);
    auto.report(REJECT);
    auto.dailyLossBreached('again');
    clock.advance(500);
    expect(causes()).toEqual([
      'reject_storm',
      'venue_disconnect',
      'daily_loss',
      'reject_storm',
      'daily_loss',
      'venue_disconnect',
    ]);
  });

  it('keeps timing a venue away across a change of limits, from when it went', () => {
    const { clock, auto, fired } = halts();
    auto.setLimits({ venueDisconnectMs: 10_000 });
    auto.connection(false);
    clock.advance(3000);
    auto.setLimits({ venueDisconnectMs: 5000, rejectStorm: { rejects: 3, withinMs: 100 } });
    clock.advance(1999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([
      {
        cause: 'venue_disconnect',
        reason: 'venue remote disconnected for 5000 ms (the limit is 5000 ms)',
      },
    ]);
  });

  it('turns a halt off when the limits drop it', () => {
    const { clock, auto, fired } = halts();
    auto.setLimits({ venueDisconnectMs: 1000, dailyLoss: true });
    auto.connection(false);
    auto.setLimits({});
    clock.advance(5000);
    auto.dailyLossBreached('loss');
    expect(fired).toEqual([]);
  });
});
