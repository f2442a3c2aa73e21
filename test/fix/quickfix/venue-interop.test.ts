import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exo, placeOrder, tempDir, urlOf } from '../../cli/run-exo.js';
import { buildPeer, DICTIONARY, fieldOf, isMessage, PeerProcess } from './peer-process.js';

/** A fixed high loopback port of its own: QuickFIX's acceptor binds all interfaces and takes no host. */
const QF_VENUE_PORT = 29891;
const VENUE_SOURCE = fileURLToPath(new URL('venue-peer.cpp', import.meta.url));

interface OrderView {
  status: string;
  cumQty: string;
  fills: Array<{ execId: string }>;
  children: Array<{ status: string; venueClOrdId?: string }>;
}

const peers: PeerProcess[] = [];
afterEach(async () => {
  for (const peer of peers.splice(0)) await peer.kill();
});

async function order(url: string, id: string): Promise<OrderView> {
  return (await (await fetch(`${url}/v1/orders/${id}`)).json()) as OrderView;
}

async function until(url: string, id: string, status: string): Promise<OrderView> {
  await expect.poll(async () => (await order(url, id)).status, { timeout: 15_000 }).toBe(status);
  return order(url, id);
}

describe('exo --venue fix:// against a QuickFIX/C++ acceptor acting as a venue (issue 14, test 10.1)', () => {
  beforeAll(() => {
    buildPeer(VENUE_SOURCE);
  }, 120_000);

  it('an order posted over HTTP completes; replace and cancel work; after kill -9 exo continues the sequence and gets what it missed by resend, each ExecID once', async () => {
    const dir = tempDir();
    const venue = new PeerProcess(buildPeer(VENUE_SOURCE), [
      String(QF_VENUE_PORT),
      join(dir, 'qf'),
      'QFVENUE',
      'EXO',
      DICTIONARY,
      '1',
    ]);
    peers.push(venue);
    await venue.waitFor((line) => line.startsWith('READY'));
    const fixStore = join(dir, 'fix');
    const args = [
      ...['--port', '0', '--venue', `fix://127.0.0.1:${QF_VENUE_PORT}`, '--symbols', 'BTC-USD'],
      ...['--fix-sender-comp-id', 'EXO', '--fix-target-comp-id', 'QFVENUE'],
      ...['--fix-store', fixStore, '--fix-heartbeat', '1', '--no-risk-limits'],
      ...['--journal', join(dir, 'journal.db')],
    ];
    let running = exo(args);
    let url = await urlOf(running);
    await venue.waitFor((line) => line.startsWith('LOGON'));

    // A peg rests at the bid; the touch moves, so it is replaced (G); then it fills.
    const pegId = await placeOrder(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '2',
      limitPrice: '100',
      algo: 'peg',
    });
    const d = await venue.waitFor((line) => isMessage(line, 'IN', 'D'));
    expect([fieldOf(d, 44), fieldOf(d, 38), fieldOf(d, 59)]).toEqual(['99', '2', '1']);
    expect(fieldOf(d, 11)!.length).toBeLessThanOrEqual(20);
    venue.command('QUOTE BTC-USD 99.5 101');
    const g = await venue.waitFor((line) => isMessage(line, 'IN', 'G'));
    expect([fieldOf(g, 41), fieldOf(g, 44)]).toEqual([fieldOf(d, 11), '99.5']);
    await venue.waitFor((line) => isMessage(line, 'OUT', '8') && fieldOf(line, 150) === '5');
    venue.command('FILL');
    const filled = await until(url, pegId, 'filled');
    expect([filled.cumQty, filled.fills.length]).toEqual(['2', 1]);

    // A second peg, cancelled over HTTP: F, ExecType 4.
    const cancelId = await placeOrder(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '1',
      limitPrice: '100',
      algo: 'peg',
    });
    let from = venue.lines.length;
    await venue.waitFor(
      (line) => isMessage(line, 'OUT', '8') && fieldOf(line, 150) === '0',
      10_000,
      from,
    );
    const cancelled = await fetch(`${url}/v1/orders/${cancelId}`, { method: 'DELETE' });
    expect(cancelled.status).toBeLessThan(300);
    await venue.waitFor((line) => isMessage(line, 'IN', 'F'), 10_000, from);
    await until(url, cancelId, 'canceled');

    // A third rests; exo is killed; the venue fills it meanwhile; the restart resumes.
    const restingId = await placeOrder(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '3',
      limitPrice: '100',
      algo: 'peg',
    });
    from = venue.lines.length;
    await venue.waitFor(
      (line) => isMessage(line, 'OUT', '8') && fieldOf(line, 150) === '0',
      10_000,
      from,
    );
    const lastIn = venue.lines.filter((line) => line.startsWith('IN ')).at(-1)!;
    const lastSeq = Number(fieldOf(lastIn, 34));
    running.child.kill('SIGKILL');
    await running.exited;
    await venue.waitFor((line) => line.startsWith('LOGOUT'), 10_000, from);
    venue.command('FILL'); // stored by QuickFIX while exo is down
    from = venue.lines.length;
    running = exo(args);
    url = await urlOf(running);
    const logon = await venue.waitFor((line) => isMessage(line, 'IN', 'A'), 15_000, from);
    expect(Number(fieldOf(logon, 34))).toBeGreaterThan(lastSeq);
    expect(fieldOf(logon, 141)).toBeUndefined();
    await venue.waitFor((line) => isMessage(line, 'IN', '2'), 10_000, from); // exo asks for the gap
    const resting = await until(url, restingId, 'filled');
    expect([resting.cumQty, resting.fills.length]).toEqual(['3', 1]);
    const resent = venue.lines
      .slice(from)
      .filter((line) => isMessage(line, 'OUT', '8') && fieldOf(line, 150) === 'F');
    expect(resent.map((line) => fieldOf(line, 43))).toContain('Y');
    // QuickFIX validated every message exo sent against its dictionary: it rejected none.
    expect(
      venue.lines.filter((line) => isMessage(line, 'OUT', '3') || isMessage(line, 'OUT', 'j')),
    ).toEqual([]);

    // Each ExecID reached exo once: the adapter's log holds every applied ExecID once.
    const execIds = readFileSync(join(fixStore, 'orders.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { t: string; e?: string })
      .filter((record) => record.t === 'exec')
      .map((record) => record.e);
    expect(new Set(execIds).size).toBe(execIds.length);
    running.child.kill('SIGTERM');
    await running.exited;
  }, 120_000);
});
