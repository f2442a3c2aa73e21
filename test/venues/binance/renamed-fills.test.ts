import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Adapter,
  eventually,
  type LocalBinance,
  partlyFilling,
  startAdapter,
  startLocalBinance,
} from './adapter.js';

const traded = (adapter: Adapter, clOrdId: string) =>
  adapter.of(clOrdId).filter((report) => report.execType === 'trade');

/**
 * After a restart, exo's recovery lists the fills it may have missed with fillsSince, before it
 * follows any child again: each fill must name the child (and so the parent) it was for, even when
 * the Binance order that made it was cancelled since (a cancel, or the cancel half of a
 * cancelReplace), which Binance does by renaming the order.
 */
describe('fills of Binance orders exo cancelled, listed by a restarted adapter', () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => server?.stop());

  it('are the child’s after a cancel and after a cancelReplace', async () => {
    const first = await startAdapter(server);
    const cancelled = await partlyFilling(server, 'rnc1-1');
    first.venue.submit(cancelled);
    await eventually(() => traded(first, 'rnc1-1').length > 0, 10_000);
    first.venue.cancel('rnc1-1');
    const replaced = await partlyFilling(server, 'rnr1-1');
    first.venue.submit(replaced);
    await eventually(() => traded(first, 'rnr1-1').length > 0, 10_000);
    first.venue.replace({
      clOrdId: 'rnr1-1',
      newClOrdId: 'rnr1-2',
      limitPrice: replaced.limitPrice!.times(0.5).round(2),
    });
    await eventually(
      () =>
        first.of('rnc1-1').some((r) => r.execType === 'canceled') &&
        first.of('rnr1-1').some((r) => r.execType === 'replaced'),
      10_000,
    );
    const fillsBefore = new Map(
      ['rnc1-1', 'rnr1-1'].map((id) => [id, traded(first, id).map((r) => r.execId)]),
    );
    await first.close();
    // A restarted exo: a new adapter that has followed none of them.
    const second = await startAdapter(server);
    try {
      const { fills } = await second.venue.fillsSince();
      for (const [clOrdId, execIds] of fillsBefore) {
        const listed = fills.filter((fill) => execIds.includes(fill.execId));
        expect(listed.map((fill) => fill.execId)).toEqual(execIds);
        for (const fill of listed) {
          expect(fill).toMatchObject({ clOrdId, parentId: clOrdId.slice(0, -2) });
        }
      }
    } finally {
      await second.close();
    }
  }, 30_000);
});
