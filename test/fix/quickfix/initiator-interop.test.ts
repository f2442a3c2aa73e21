import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/market/decimal.js';
import { FixVenueProcess, storeDir, untilJournaled } from '../../venues/fix-venue/venue-process.js';
import { buildPeer, fieldOf, isMessage, PeerProcess, tempDir } from './peer-process.js';

/** A fixed high loopback port for `exo venue --protocol fix`, which the QuickFIX initiator dials. */
const VENUE_PORT = 29892;

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

beforeAll(() => {
  buildPeer();
}, 120_000);

/** Every value of `tag` in a peer output line, in order (repeating groups). */
function allOf(line: string, tag: number): string[] {
  return line
    .split('|')
    .filter((f) => f.startsWith(`${tag}=`))
    .map((f) => f.slice(f.indexOf('=') + 1));
}

/** An incoming ExecutionReport line for `clOrdId` with ExecType `execType`. */
const report =
  (clOrdId: string, execType: string) =>
  (l: string): boolean =>
    isMessage(l, 'IN', '8') && fieldOf(l, 11) === clOrdId && fieldOf(l, 150) === execType;

describe('QuickFIX/C++ initiator against exo venue --protocol fix', () => {
  it('orders acknowledged, filled, replaced, cancelled; QuickFIX restarts on its sequence; the venue killed -9 resumes and answers ResendRequest with PossDup reports', async () => {
    const venueDir = storeDir();
    // 300 ms of venue latency leaves time to kill QuickFIX between its D and the venue's answer.
    const args = ['--port', String(VENUE_PORT), '--store', venueDir, '--target-comp-id', 'QF'];
    const venueArgs = [...args, '--tick-rate', '200', '--latency', '300'];
    let venue = await FixVenueProcess.start(venueArgs);
    cleanups.push(() => venue.kill('SIGTERM'));
    const qfDir = tempDir();
    let qf = PeerProcess.start('initiator', VENUE_PORT, qfDir, 'QF', 'PAPER');
    cleanups.push(() => qf.kill());
    await qf.waitFor((l) => l.startsWith('LOGON'), 15_000);

    qf.command('V MD1 BTC-USD');
    const w = await qf.waitFor((l) => isMessage(l, 'IN', 'W'));
    const [bid, ask] = allOf(w, 270).map((p) => new Decimal(p));
    await qf.waitFor((l) => isMessage(l, 'IN', 'X'));

    // A marketable limit order: acknowledged, then filled.
    qf.command(
      `M D 11=Q1|55=BTC-USD|54=1|38=0.0001|40=2|59=1|44=${ask!.times('1.05').round(2).toFixed()}`,
    );
    await qf.waitFor(report('Q1', '0'));
    const filled = await qf.waitFor((l) => report('Q1', 'F')(l) && fieldOf(l, 39) === '2');
    expect([fieldOf(filled, 14), fieldOf(filled, 151), fieldOf(filled, 32)]).toEqual([
      '0.0001',
      '0',
      '0.0001',
    ]);

    // A resting order, replaced (new ClOrdID) and then cancelled.
    const low = bid!.times('0.8').round(2).toFixed();
    qf.command(`M D 11=Q2|55=BTC-USD|54=1|38=0.01|40=2|59=1|44=${low}`);
    await qf.waitFor(report('Q2', '0'));
    qf.command(`M G 41=Q2|11=Q3|55=BTC-USD|54=1|38=0.02|40=2|44=${low}`);
    const replaced = await qf.waitFor(report('Q3', '5'));
    expect([fieldOf(replaced, 41), fieldOf(replaced, 38)]).toEqual(['Q2', '0.02']);
    qf.command('M F 41=Q3|11=Q4|55=BTC-USD|54=1|38=0.02');
    const canceled = await qf.waitFor(report('Q4', '4'));
    expect(fieldOf(canceled, 39)).toBe('4');

    // QuickFIX sends Q5 and is killed before the venue's answer; then the venue is killed too,
    // after it journaled the ack (which its session stored but could not deliver).
    qf.command(`M D 11=Q5|55=BTC-USD|54=1|38=0.01|40=2|59=1|44=${low}`);
    await untilJournaled(venueDir, /"clOrdId":"Q5"[^\n]*"status":"A"/);
    // QuickFIX's dictionary found nothing wrong in any of the venue's messages (8, 5, 4, W, X).
    expect(qf.lines.filter((l) => isMessage(l, 'OUT', '3') || isMessage(l, 'OUT', 'j'))).toEqual(
      [],
    );
    await qf.kill();
    await untilJournaled(venueDir, /"clOrdId":"Q5"[^\n]*"status":"0"/);
    const qfLastOut = Math.max(
      ...qf.lines.filter((l) => l.startsWith('OUT ')).map((l) => Number(fieldOf(l, 34))),
    );
    await venue.kill('SIGKILL');

    venue = await FixVenueProcess.start(venueArgs);
    qf = PeerProcess.start('initiator', VENUE_PORT, qfDir, 'QF', 'PAPER');
    await qf.waitFor((l) => l.startsWith('LOGON'), 15_000);
    const logon = await qf.waitFor((l) => isMessage(l, 'OUT', 'A'));
    expect(Number(fieldOf(logon, 34))).toBe(qfLastOut + 1);
    expect(fieldOf(logon, 141)).toBeUndefined();
    const resendRequest = await qf.waitFor((l) => isMessage(l, 'OUT', '2'));
    expect(Number(fieldOf(resendRequest, 7))).toBeGreaterThan(1);
    const replayed = await qf.waitFor(report('Q5', '0'));
    expect([fieldOf(replayed, 43), fieldOf(replayed, 122) !== undefined]).toEqual(['Y', true]);
    expect(qf.lines.filter((l) => isMessage(l, 'IN', '3'))).toEqual([]);

    // The restarted venue still works Q5: AF lists it, F cancels it.
    qf.command('M AF 584=M1|585=7');
    const listed = await qf.waitFor((l) => isMessage(l, 'IN', '8') && fieldOf(l, 584) === 'M1');
    expect([
      fieldOf(listed, 11),
      fieldOf(listed, 150),
      fieldOf(listed, 911),
      fieldOf(listed, 912),
    ]).toEqual(['Q5', 'I', '1', 'Y']);
    qf.command('M F 41=Q5|11=Q6|55=BTC-USD|54=1|38=0.01');
    await qf.waitFor(report('Q6', '4'));
    expect(qf.lines.filter((l) => isMessage(l, 'OUT', '3') || isMessage(l, 'OUT', 'j'))).toEqual(
      [],
    );
  }, 120_000);
});
