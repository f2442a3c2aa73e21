import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/market/decimal.js';
import type { FixVenueProcess } from '../venues/fix-venue/venue-process.js';
import { api, orderOf, orderWhen, place, touchOf, venueConnected } from './exo-api.js';
import {
  orderLog,
  type StoredMessage,
  storedMessages,
  venueOrderOf,
  venueStorePath,
  wireIdOf,
} from './fix-books.js';
import { type ExoOnFix, startExoOnFix, startFixVenue, until } from './fix-processes.js';

// Issue 14, test 7: the FIX venue killed with -9 while exo's orders rest there, and restarted on
// the same store and port.

const dir = mkdtempSync(join(tmpdir(), 'exo-fix-crash-'));
const venueDir = join(dir, 'venue');
let venue: FixVenueProcess | undefined;
let exo: ExoOnFix | undefined;

afterAll(async () => {
  exo?.child.kill('SIGKILL');
  await venue?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** The MsgSeqNums a store holds, in file order. */
const seqsOf = (messages: readonly StoredMessage[]): number[] => messages.map((m) => m.seq);

/** Whether seqs run 1, 2, 3, … with none repeated or skipped: the store was never reset. */
function unbroken(seqs: readonly number[]): boolean {
  return seqs.every((seq, i) => seq === i + 1);
}

/** A peg resting far from the market on `side`; its order ID and child's ID once the venue acknowledged it. */
async function resting(url: string, side: 'buy' | 'sell', limitPrice: string) {
  const orderId = await place(url, {
    side,
    symbol: 'BTC-USD',
    quantity: '0.01',
    limitPrice,
    algo: 'peg',
  });
  const order = await orderWhen(url, orderId, (o) => o.children[0]?.status === 'new');
  return { orderId, childId: order.children[0]!.clOrdId };
}

describe('the FIX venue killed with -9 under resting orders, and restarted (issue 14, test 7)', () => {
  it('exo reconnects, sequences continue, its AF at the logon lists the resting orders, they still work on both sides, and a fill after the restart reaches exo', async () => {
    venue = await startFixVenue(venueDir);
    const port = venue.port;
    exo = await startExoOnFix(dir, port);
    const { url, fixStore } = exo;
    await until(() => venueConnected(url), 20_000, 'exo to log on to the venue');
    await until(async () => (await touchOf(url)) !== undefined, 10_000, 'a quote');
    const touch = (await touchOf(url))!;
    const far = (px: string, factor: string): string =>
      new Decimal(px).times(factor).round(2, 0).toFixed();
    const buy = await resting(url, 'buy', far(touch.bidPx, '0.8'));
    const sell = await resting(url, 'sell', far(touch.askPx, '1.2'));
    const exoStore = join(fixStore, 'session.store');
    const exoSeqs = seqsOf(storedMessages(exoStore));
    const exoBytes = readFileSync(exoStore);
    const execIdsBefore = new Set(orderLog(fixStore).flatMap((r) => (r.t === 'exec' ? [r.e] : [])));

    await venue.kill('SIGKILL');
    const venueSent = seqsOf(storedMessages(venueStorePath(venueDir)));
    const venueBytes = readFileSync(venueStorePath(venueDir));
    await until(async () => !(await venueConnected(url)), 10_000, 'exo to see the venue gone');
    venue = await startFixVenue(venueDir, port);
    await until(() => venueConnected(url), 20_000, 'exo to log on again');
    const link = (await api(url, 'GET', '/v1/venue')).body.link as { connections: number };
    expect(link.connections).toBeGreaterThanOrEqual(2);

    // At this logon exo asked for the venue's working orders (AF), and the restarted venue listed
    // both resting orders in its answer (status reports, ExecType I, under the AF's ID).
    const wires = [buy, sell].map(({ childId }) => wireIdOf(fixStore, childId));
    const massStatus = (): string[] => {
      const afs = storedMessages(exoStore)
        .slice(exoSeqs.length)
        .flatMap((m) => (m.message?.msgType === 'AF' ? [m.message.get(584)] : []));
      return storedMessages(venueStorePath(venueDir))
        .slice(venueSent.length)
        .flatMap(({ message }) =>
          message?.msgType === '8' && message.get(150) === 'I' && afs.includes(message.get(584))
            ? [message.get(11) ?? '']
            : [],
        );
    };
    await until(() => massStatus().length >= 2, 10_000, 'the AF answered');
    expect(massStatus().sort()).toEqual([...wires].sort());

    // No reset on either side: each store still holds what it held (a reset empties it), and its
    // MsgSeqNums run on from 1 past where they were.
    const kept = (path: string, before: Buffer): boolean =>
      readFileSync(path).subarray(0, before.length).equals(before);
    expect(kept(exoStore, exoBytes) && kept(venueStorePath(venueDir), venueBytes)).toBe(true);
    const exoAfter = seqsOf(storedMessages(exoStore));
    const venueAfter = seqsOf(storedMessages(venueStorePath(venueDir)));
    expect(unbroken(exoAfter) && unbroken(venueAfter)).toBe(true);
    expect(exoAfter.length).toBeGreaterThan(exoSeqs.length);
    expect(venueAfter.length).toBeGreaterThan(venueSent.length);

    // Both orders still work, in exo and at the venue.
    for (const { orderId, childId } of [buy, sell]) {
      const order = await orderOf(url, orderId);
      expect([order.status, order.children[0]!.status]).toEqual(['new', 'new']);
      expect(venueOrderOf(venueDir, fixStore, childId)?.status).toBe('0');
    }

    // The buy's limit moved through the market: the peg goes to the bid, and fills there.
    const through = far((await touchOf(url))!.askPx, '1.01');
    expect(
      (await api(url, 'PATCH', `/v1/orders/${buy.orderId}`, { limitPrice: through })).status,
    ).toBe(202);
    const filled = await orderWhen(url, buy.orderId, (o) => o.status === 'filled');
    expect(filled.cumQty).toBe('0.01');
    expect(filled.fills.every((fill) => !execIdsBefore.has(fill.execId))).toBe(true);
    expect(venueOrderOf(venueDir, fixStore, buy.childId)?.status).toBe('2');

    // The sell is cancelled: the restarted venue confirms it.
    expect((await api(url, 'DELETE', `/v1/orders/${sell.orderId}`)).status).toBe(202);
    await orderWhen(url, sell.orderId, (o) => o.status === 'canceled');
    expect(venueOrderOf(venueDir, fixStore, sell.childId)?.status).toBe('4');

    const execIds = orderLog(fixStore).flatMap((r) => (r.t === 'exec' ? [r.e] : []));
    expect(new Set(execIds).size).toBe(execIds.length);
  }, 90_000);
});
