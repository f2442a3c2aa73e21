import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { OrphanSweep } from '../../src/engine/orphan-sweep.js';
import type { RecoveryNotice } from '../../src/recovery/reconcile.js';
import { advance } from '../recovery/helpers.js';
import { holdingVenue, openOrder } from './holding-venue.js';

describe('OrphanSweep', () => {
  function sweepOn(known: ReadonlySet<string>) {
    const clock = new VirtualClock(1_000);
    const held = holdingVenue();
    const notices: RecoveryNotice[] = [];
    const failures: unknown[] = [];
    const lease = { held: true };
    const sweep = new OrphanSweep({
      venue: held.venue,
      prefix: 'exo1-',
      clock,
      everyMs: 1_000,
      isLiveChild: (clOrdId) => known.has(clOrdId),
      mayAct: () => lease.held,
      cancelled: (notice) => notices.push(notice),
      failed: (error) => failures.push(error),
    });
    return { clock, held, notices, failures, sweep, lease };
  }

  it('cancels an unknown order once two consecutive sweeps found it, and announces it', async () => {
    const { held, notices, sweep } = sweepOn(new Set(['exo1-mine-1']));
    held.open.set('exo1-mine-1', openOrder('exo1-mine-1'));
    held.open.set('exo1-old-1', openOrder('exo1-old-1'));
    await sweep.sweep();
    expect(held.cancels).toEqual([]);
    await sweep.sweep();
    expect(held.cancels).toEqual(['exo1-old-1']);
    expect(notices).toEqual([
      {
        kind: 'orphan_cancelled',
        clOrdId: 'exo1-old-1',
        orderId: 'exo1-old',
        message: expect.stringContaining('unknown to exo'),
      },
    ]);
    await sweep.sweep();
    expect(held.cancels).toEqual(['exo1-old-1']);
  });

  it("cancels nothing once its lease is lost: the orders it does not know may be the successor's", async () => {
    const { held, notices, sweep, lease } = sweepOn(new Set());
    held.open.set('exo1-next-1', openOrder('exo1-next-1'));
    await sweep.sweep();
    lease.held = false;
    await sweep.sweep();
    await sweep.sweep();
    expect(held.cancels).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('never cancels an order that became known, or went, between two sweeps', async () => {
    const known = new Set<string>();
    const { held, sweep } = sweepOn(known);
    held.open.set('exo1-a-1', openOrder('exo1-a-1'));
    held.open.set('exo1-b-1', openOrder('exo1-b-1'));
    await sweep.sweep();
    known.add('exo1-a-1');
    held.open.delete('exo1-b-1');
    await sweep.sweep();
    held.open.set('exo1-b-1', openOrder('exo1-b-1'));
    await sweep.sweep();
    expect(held.cancels).toEqual([]);
  });

  it("asks under its prefix only, and touches no other shard's order a venue lists anyway", async () => {
    const { held, sweep } = sweepOn(new Set());
    held.venue.openOrders = async (prefix) => {
      held.asked.push(prefix);
      return [openOrder('exo2-theirs-1'), openOrder('exo10-x-1')];
    };
    await sweep.sweep();
    await sweep.sweep();
    expect(held.asked).toEqual(['exo1-', 'exo1-']);
    expect(held.cancels).toEqual([]);
  });

  it('survives a failing listing, keeps its suspects, and sweeps on its clock until stopped', async () => {
    const { clock, held, notices, failures, sweep } = sweepOn(new Set());
    held.open.set('exo1-old-1', openOrder('exo1-old-1'));
    sweep.start();
    await advance(clock, 1_000);
    held.state.failing = true;
    await advance(clock, 1_000);
    expect(failures).toEqual([new Error('venue unreachable')]);
    held.state.failing = false;
    await advance(clock, 1_000);
    expect(held.cancels).toEqual(['exo1-old-1']);
    expect(notices).toHaveLength(1);
    expect(held.asked).toHaveLength(3);
    sweep.stop();
    held.open.set('exo1-late-1', openOrder('exo1-late-1'));
    await advance(clock, 3_000);
    expect(held.asked).toHaveLength(3);
  });

  it('refuses an interval that is not positive', () => {
    const parts = { prefix: 'exo-', clock: new VirtualClock(0), everyMs: 0 };
    expect(
      () =>
        new OrphanSweep({
          ...parts,
          venue: holdingVenue().venue,
          isLiveChild: () => false,
          mayAct: () => true,
          cancelled: () => {},
          failed: () => {},
        }),
    ).toThrow(RangeError);
  });
});
