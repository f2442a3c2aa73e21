import { afterEach, describe, expect, it } from 'vitest';
import type { FixMessage } from '../../../src/fix/message.js';
import { Decimal } from '../../../src/market/decimal.js';
import { FixClient, isReport } from './fix-client.js';
import { FixVenueProcess, storeDir, untilJournaled } from './venue-process.js';

/** A fixed high loopback port (one test at a time): the client reconnects to the restarted venue where it was. */
const PORT = 29893;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const seqOf = (m: FixMessage): number => Number(m.get(34));
const fresh = (m: FixMessage): boolean => m.get(43) !== 'Y';

/**
 * A venue with 400 ms of latency (what it takes in is journaled long before the engine acts on
 * it) and a client that has sent it a resting buy `clOrdId`; `restart` kills it with -9 and
 * starts it again on its store.
 */
async function slowVenue(clOrdId: string) {
  const dir = storeDir();
  const args = ['--port', String(PORT), '--store', dir, '--tick-rate', '200', '--latency', '400'];
  let venue = await FixVenueProcess.start(args);
  cleanups.push(() => venue.kill('SIGTERM'));
  const client = new FixClient(PORT, dir, 'EXO');
  cleanups.push(() => client.stop());
  await client.start();
  const order: [number, string][] = [
    [55, 'BTC-USD'],
    [54, '1'],
    [38, '0.01'],
    [40, '2'],
    [59, '1'],
    [44, '1000'],
  ];
  client.send('D', [[11, clOrdId], ...order]);
  const restart = async (): Promise<void> => {
    await venue.kill('SIGKILL');
    venue = await FixVenueProcess.start(args);
  };
  return { dir, client, restart };
}

describe('exo venue --protocol fix killed with -9 and restarted on its store', () => {
  it('sequences continue, AF lists the resting orders, ResendRequest gets PossDup reports (market data gap-filled), they work on, ExecIDs never repeat', async () => {
    const dir = storeDir();
    const args = ['--port', String(PORT), '--store', dir, '--tick-rate', '200', '--latency', '1'];
    let venue = await FixVenueProcess.start(args);
    cleanups.push(() => venue.kill('SIGTERM'));
    const client = new FixClient(PORT, dir);
    cleanups.push(() => client.stop());
    await client.start();

    // Market data flows while the orders go in, so W and X lie between the reports in the venue's store.
    client.send('V', [
      [262, 'MD1'],
      [263, '1'],
      [264, '1'],
      [267, '3'],
      [269, '0'],
      [269, '1'],
      [269, '2'],
      [146, '1'],
      [55, 'BTC-USD'],
    ]);
    const w = await client.message((m) => m.msgType === 'W');
    const [bid, ask] = w.all(270).map((p) => new Decimal(p));
    client.send('D', [
      [11, 'A1'],
      [55, 'BTC-USD'],
      [54, '1'],
      [38, '0.01'],
      [40, '2'],
      [59, '1'],
      [44, bid!.times('0.8').round(2).toFixed()],
    ]);
    const ack1 = await client.message(isReport('A1', '0'));
    await client.message((m) => m.msgType === 'W' && seqOf(m) > seqOf(ack1));
    client.send('D', [
      [11, 'A2'],
      [55, 'BTC-USD'],
      [54, '2'],
      [38, '0.02'],
      [40, '2'],
      [59, '0'],
      [44, ask!.times('1.2').round(2).toFixed()],
    ]);
    await client.message(isReport('A2', '0'));
    client.send('V', [
      [262, 'MD1'],
      [263, '2'],
      [264, '1'],
      [267, '1'],
      [269, '0'],
      [146, '1'],
      [55, 'BTC-USD'],
    ]);
    const lastBefore = Math.max(...client.received.map(seqOf));

    await venue.kill('SIGKILL');
    await client.until('disconnected');
    // The client forgets what it got since A1's ack: it must ask the restarted venue for it again.
    const store = client.session.options.store;
    store.setSeqs(store.nextSenderSeq, seqOf(ack1));
    const from = client.received.length;
    venue = await FixVenueProcess.start(args);
    await client.until('active', 20_000);

    const replayed1 = await client.message(
      (m) => isReport('A1', '0')(m) && !fresh(m),
      10_000,
      from,
    );
    const replayed2 = await client.message(
      (m) => isReport('A2', '0')(m) && !fresh(m),
      10_000,
      from,
    );
    expect([seqOf(replayed1), replayed1.get(17), replayed1.get(122) !== undefined]).toEqual([
      seqOf(ack1),
      ack1.get(17),
      true,
    ]);
    expect(seqOf(replayed2)).toBeGreaterThan(seqOf(ack1));
    const replayedTypes = new Set(
      client.received
        .slice(from)
        .filter((m) => !fresh(m))
        .map((m) => m.msgType),
    );
    expect([...replayedTypes]).toEqual(['8']);

    // AF after the restart: both resting orders, and the venue's numbers went on from before the kill.
    client.send('AF', [
      [584, 'M1'],
      [585, '7'],
    ]);
    const last = await client.message(
      (m) => m.get(584) === 'M1' && m.get(912) === 'Y',
      10_000,
      from,
    );
    expect(seqOf(last)).toBeGreaterThan(lastBefore);
    const listed = client
      .all((m) => m.get(584) === 'M1')
      .map((m) => [m.get(11), m.get(39), m.get(151), m.get(911)]);
    expect(listed).toEqual([
      ['A1', '0', '0.01', '2'],
      ['A2', '0', '0.02', '2'],
    ]);

    // The restored orders work on: A1 is replaced, A2 cancelled, and a new order fills.
    client.send('G', [
      [41, 'A1'],
      [11, 'A1b'],
      [55, 'BTC-USD'],
      [54, '1'],
      [38, '0.03'],
      [40, '2'],
      [44, bid!.times('0.7').round(2).toFixed()],
    ]);
    await client.message(isReport('A1b', '5'), 10_000, from);
    client.send('F', [
      [41, 'A2'],
      [11, 'A2x'],
      [55, 'BTC-USD'],
      [54, '2'],
    ]);
    await client.message(isReport('A2x', '4'), 10_000, from);
    client.send('D', [
      [11, 'A3'],
      [55, 'BTC-USD'],
      [54, '1'],
      [38, '0.0001'],
      [40, '1'],
      [59, '3'],
    ]);
    await client.message((m) => isReport('A3', 'F')(m) && m.get(39) === '2', 10_000, from);
    const execIds = client.all((m) => m.msgType === '8' && fresh(m)).map((m) => m.get(17));
    expect(new Set(execIds).size).toBe(execIds.length);
  }, 90_000);

  it('a cancel pending at the kill is carried out after the restart, once, and answered under its ClOrdID', async () => {
    const { dir, client, restart } = await slowVenue('P1');
    await client.message(isReport('P1', '0'));
    client.send('F', [
      [41, 'P1'],
      [11, 'P1x'],
      [55, 'BTC-USD'],
      [54, '1'],
    ]);
    await untilJournaled(dir, /"clOrdId":"P1x"/);
    await restart();
    const canceled = await client.message(isReport('P1x', '4'), 20_000);
    expect([canceled.get(39), canceled.get(41)]).toEqual(['4', 'P1']);
    // A later request is answered after the cancel: nothing else about P1x came, and no reject.
    client.send('H', [
      [11, 'P1x'],
      [55, 'BTC-USD'],
      [54, '1'],
      [790, 'H1'],
    ]);
    const status = await client.message((m) => m.get(790) === 'H1');
    expect(status.get(39)).toBe('4');
    expect(client.all((m) => m.msgType === '9' || m.get(150) === '8')).toEqual([]);
    expect(client.all(isReport('P1x', '4')).filter((m) => m.get(43) !== 'Y')).toHaveLength(1);
  }, 90_000);

  it('while a cancel is pending, H and AF say so (OrdStatus 6), and the cancel is then carried out', async () => {
    const { dir, client } = await slowVenue('Q1');
    await client.message(isReport('Q1', '0'));
    client.send('F', [
      [41, 'Q1'],
      [11, 'Q1x'],
      [55, 'BTC-USD'],
      [54, '1'],
    ]);
    await untilJournaled(dir, /"clOrdId":"Q1x"/);
    client.send('H', [
      [11, 'Q1'],
      [55, 'BTC-USD'],
      [54, '1'],
      [790, 'HQ'],
    ]);
    client.send('AF', [
      [584, 'MQ'],
      [585, '7'],
    ]);
    const status = await client.message((m) => m.get(790) === 'HQ');
    const listed = await client.message((m) => m.get(584) === 'MQ');
    expect([status.get(150), status.get(39), listed.get(39)]).toEqual(['I', '6', '6']);
    const canceled = await client.message(isReport('Q1x', '4'), 20_000);
    expect(canceled.get(39)).toBe('4');
  }, 60_000);

  it('an order taken but not yet acknowledged at the kill is acknowledged after the restart', async () => {
    const { dir, client, restart } = await slowVenue('N1');
    await untilJournaled(dir, /"clOrdId":"N1"[^\n]*"status":"A"/);
    await restart();
    const ack = await client.message(isReport('N1', '0'), 20_000);
    expect([ack.get(39), ack.get(151)]).toEqual(['0', '0.01']);
    expect(client.all(isReport('N1', '0'))).toHaveLength(1);
  }, 90_000);
});
