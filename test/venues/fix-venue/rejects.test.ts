import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixChecksum } from '../../../src/fix/checksum.js';
import type { FixMessage } from '../../../src/fix/message.js';
import { formatUtcTimestamp } from '../../../src/fix/timestamp.js';
import { FixClient, isReport } from './fix-client.js';
import { RawFix } from './raw-fix.js';
import { FixVenueProcess, storeDir } from './venue-process.js';

let venue: FixVenueProcess;
let client: FixClient;
/** A second counterparty that must never notice the first one's bad input. */
let other: FixClient;
let n = 0;
const id = (): string => `R${++n}`;
const raws: RawFix[] = [];

beforeAll(async () => {
  const dir = storeDir();
  venue = await FixVenueProcess.start([
    ...['--port', '0', '--store', dir, '--tick-rate', '200', '--latency', '1'],
    ...['--target-comp-id', 'EXO,EXO2,R1,R2,R3,R4,R5,R7', '--logon-timeout', '1'],
  ]);
  client = new FixClient(venue.port, dir);
  other = new FixClient(venue.port, dir, 'EXO2');
  await Promise.all([client.start(), other.start()]);
}, 60_000);

afterAll(async () => {
  for (const raw of raws) raw.close();
  client?.stop();
  other?.stop();
  await venue?.kill('SIGTERM');
});

/** A bare connection as counterparty `sender` (one each: a session takes one connection at a time). */
async function raw(sender: string): Promise<RawFix> {
  const r = await RawFix.open(venue.port);
  r.sender = sender;
  raws.push(r);
  return r;
}

function d(clOrdId: string, fields: Record<number, string> = {}): [number, string][] {
  const base: Record<number, string> = {
    11: clOrdId,
    55: 'BTC-USD',
    54: '1',
    38: '0.01',
    40: '2',
    59: '1',
    44: '1000',
    ...fields,
  };
  return Object.entries(base)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => [Number(k), v]);
}

/** The working orders AF lists, as "ClOrdID qty leaves" lines. */
async function book(c: FixClient): Promise<string[]> {
  const reqId = id();
  c.send('AF', [
    [584, reqId],
    [585, '7'],
  ]);
  await c.message((m) => m.get(584) === reqId && m.get(912) === 'Y');
  return c
    .all((m) => m.get(584) === reqId && m.get(911) !== '0')
    .map((m) => `${m.get(11)} ${m.get(38)} ${m.get(151)} ${m.get(39)}`);
}

let resting = '';
let before: string[] = [];

describe('exo venue --protocol fix: the reject table (book unchanged, sessions stay up)', () => {
  it('AF lists the resting orders, one 8 each with ExecType I, TotNumReports and LastRptRequested', async () => {
    resting = id();
    client.send('D', d(resting));
    await client.message(isReport(resting, '0'));
    const second = id();
    client.send('D', d(second, { 44: '999' }));
    await client.message(isReport(second, '0'));
    const reqId = id();
    client.send('AF', [
      [584, reqId],
      [585, '7'],
    ]);
    await client.message((m) => m.get(584) === reqId && m.get(912) === 'Y');
    const reports = client.all((m) => m.get(584) === reqId);
    expect(reports.map((m) => [m.get(150), m.get(911), m.get(912), m.get(11)])).toEqual([
      ['I', '2', 'N', resting],
      ['I', '2', 'Y', second],
    ]);
    before = await book(client);
  });

  it.each([
    ['unknown symbol', { 55: 'NOPE-USD' }, '1', 'Unknown symbol'],
    ['zero quantity', { 38: '0' }, '13', 'positive'],
    ['negative quantity', { 38: '-1' }, '13', 'positive'],
    ['quantity not a decimal', { 38: '1e3' }, '13', 'not a decimal'],
    ['quantity off the lot grid', { 38: '0.00001' }, '13', 'multiple'],
    ['price off the tick grid', { 44: '1000.001' }, '99', 'multiple'],
    ['limit without a price', { 44: '' }, '99', 'Price is required'],
    ['unsupported OrdType (stop)', { 40: '3' }, '11', 'OrdType'],
    ['unsupported TimeInForce (GTD)', { 59: '6' }, '11', 'TimeInForce'],
  ])(
    'D with %s: 8 rejected (ExecType 8, OrdRejReason %s) with Text',
    async (_, fields, reason, text) => {
      const c = id();
      client.send('D', d(c, fields));
      const rejected = await client.message(isReport(c, '8'));
      expect([rejected.get(39), rejected.get(103), rejected.get(37)]).toEqual([
        '8',
        reason,
        'NONE',
      ]);
      expect(rejected.get(58)).toContain(text);
      expect(await book(client)).toEqual(before);
    },
  );

  it('D reusing a ClOrDID: 8 rejected with OrdRejReason 6; the first order is untouched', async () => {
    client.send('D', d(resting, { 44: '1001' }));
    const rejected = await client.message((m) => isReport(resting, '8')(m));
    expect([rejected.get(103), rejected.get(58)]).toEqual(['6', `Duplicate ClOrdID ${resting}`]);
    expect(await book(client)).toEqual(before);
  });

  it('unsupported MsgType: BusinessMessageReject j with reason 3', async () => {
    const seq = client.send('R', [
      [131, 'Q1'],
      [146, '1'],
      [55, 'BTC-USD'],
    ]);
    const j = await client.message((m) => m.msgType === 'j' && m.get(45) === String(seq));
    expect([j.get(372), j.get(380)]).toEqual(['R', '3']);
  });

  it('G and F of an unknown order: 9 with CxlRejReason 1', async () => {
    client.send('G', [[41, 'NOPE'], ...d('G-NOPE')]);
    const g = await client.message((m) => m.msgType === '9' && m.get(11) === 'G-NOPE');
    expect([g.get(102), g.get(434), g.get(41), g.get(39)]).toEqual(['1', '2', 'NOPE', '8']);
    client.send('F', [
      [41, 'NOPE'],
      [11, 'F-NOPE'],
      [55, 'BTC-USD'],
      [54, '1'],
    ]);
    const f = await client.message((m) => m.msgType === '9' && m.get(11) === 'F-NOPE');
    expect([f.get(102), f.get(434)]).toEqual(['1', '1']);
    expect(await book(client)).toEqual(before);
  });

  it('F of a filled order: 9 with CxlRejReason 0 (too late)', async () => {
    const c = id();
    client.send('D', d(c, { 38: '0.0001', 40: '1', 59: '3', 44: '' }));
    await client.message((m) => isReport(c, 'F')(m) && m.get(39) === '2');
    const x = id();
    client.send('F', [
      [41, c],
      [11, x],
      [55, 'BTC-USD'],
      [54, '1'],
    ]);
    const reject = await client.message((m) => m.msgType === '9' && m.get(11) === x);
    expect([reject.get(102), reject.get(39)]).toEqual(['0', '2']);
  });

  it('a second F or G while one is pending: 9 with CxlRejReason 3; the first goes through', async () => {
    const c = id();
    client.send('D', d(c));
    await client.message(isReport(c, '0'));
    const [x1, x2, g] = [id(), id(), id()];
    client.send('F', [
      [41, c],
      [11, x1],
      [55, 'BTC-USD'],
      [54, '1'],
    ]);
    client.send('F', [
      [41, c],
      [11, x2],
      [55, 'BTC-USD'],
      [54, '1'],
    ]);
    client.send('G', [[41, c], ...d(g, { 38: '0.02' })]);
    const second = await client.message((m) => m.msgType === '9' && m.get(11) === x2);
    expect(second.get(102)).toBe('3');
    const replace = await client.message((m) => m.msgType === '9' && m.get(11) === g);
    expect(replace.get(102)).toBe('3');
    await client.message(isReport(x1, '4'));
    expect(await book(client)).toEqual(before);
  });

  it('throughout, both sessions stayed logged on and the other counterparty is served', async () => {
    expect(client.session.state).toBe('active');
    expect(other.session.state).toBe('active');
    expect(client.all((m) => m.msgType === '3')).toEqual([]);
    const c = id();
    other.send('D', d(c));
    await other.message(isReport(c, '0'));
    expect(await book(client)).toEqual(before);
  });
});

/** A frame with the given body text ("|" for SOH), BodyLength and CheckSum as given or computed. */
function frame(body: string, bodyLength?: number, checksum?: string): Buffer {
  const b = body.replaceAll('|', '\x01');
  const head = `8=FIX.4.4\x019=${bodyLength ?? Buffer.byteLength(b)}\x01`;
  const sum = checksum ?? fixChecksum(Buffer.from(head + b));
  return Buffer.from(`${head}${b}10=${sum}\x01`);
}

const header = (r: RawFix, type: string): string =>
  `35=${type}|49=${r.sender}|56=PAPER|34=${r.seq++}|52=${formatUtcTimestamp(Date.now())}|`;

/** Sends a TestRequest and resolves with its Heartbeat: the session is still up and in sequence. */
async function alive(r: RawFix): Promise<FixMessage> {
  const testReqId = `T${r.seq}`;
  r.send('1', [[112, testReqId]]);
  return r.message((m) => m.msgType === '0' && m.get(112) === testReqId);
}

describe('exo venue --protocol fix: session-level rows (a bare socket)', () => {
  it('malformed tag: Reject 3 with SessionRejectReason 0, RefSeqNum and Text; the session stays up', async () => {
    const r = await raw('R1');
    await r.logon();
    const seq = r.seq;
    r.write(frame(`${header(r, 'D')}11=X|x5=BTC-USD|`));
    const reject = await r.message((m) => m.msgType === '3');
    expect([reject.get(45), reject.get(373)]).toEqual([String(seq), '0']);
    expect(reject.get(58)).toContain('Invalid tag number');
    await alive(r);
  });

  it('bad CheckSum or BodyLength: dropped without a Reject and without spending the MsgSeqNum', async () => {
    const r = await raw('R2');
    await r.logon();
    const seq = r.seq;
    r.write(frame(`${header(r, '1')}112=BAD|`, undefined, '000'));
    r.seq = seq;
    r.write(frame(`${header(r, '1')}112=BAD2|`, 5));
    r.seq = seq;
    const heartbeat = await alive(r);
    expect(heartbeat.get(112)).toBe(`T${seq}`);
    expect(r.received.filter((m) => m.msgType === '3' || m.get(112)?.startsWith('BAD'))).toEqual(
      [],
    );
  });

  it('wrong TargetCompID after logon: Reject 3 reason 9, then Logout and disconnect', async () => {
    const r = await raw('R3');
    await r.logon();
    r.send('1', [[112, 'X']], { 56: 'SOMEONE' });
    const reject = await r.message((m) => m.msgType === '3');
    expect([reject.get(373), reject.get(371)]).toEqual(['9', '56']);
    await r.message((m) => m.msgType === '5');
    await r.untilClosed();
  });

  it('SendingTime off by more than 120 s: Reject 3 reason 10, then Logout and disconnect', async () => {
    const r = await raw('R4');
    await r.logon();
    r.send('1', [[112, 'X']], { 52: formatUtcTimestamp(Date.now() - 600_000) });
    const reject = await r.message((m) => m.msgType === '3');
    expect(reject.get(373)).toBe('10');
    await r.message((m) => m.msgType === '5');
    await r.untilClosed();
  });

  it('a message before Logon: Logout and disconnect', async () => {
    const r = await raw('R5');
    r.send('D', d('EARLY'));
    const logout = await r.message((m) => m.msgType === '5');
    expect(logout.get(58)).toContain('not a Logon');
    await r.untilClosed();
    expect(r.received.filter((m) => m.msgType === '8')).toEqual([]);
  });

  it('no Logon within the logon timeout: the connection is closed', async () => {
    const r = await raw('R6');
    const opened = Date.now();
    await r.untilClosed(10_000);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(900);
    expect(r.received).toEqual([]);
  });

  it('an unknown CompID pair: the connection is closed, nothing answered', async () => {
    const r = await raw('STRANGER');
    r.send('A', [
      [98, '0'],
      [108, '30'],
    ]);
    await r.untilClosed();
    expect(r.received).toEqual([]);
  });

  it('a D sent again with PossDupFlag and a ClOrdID the venue has: its status (ExecType I), not a reject', async () => {
    const r = await raw('R7');
    await r.logon();
    r.send('D', d('PD1'));
    await r.message((m) => m.msgType === '8' && m.get(11) === 'PD1' && m.get(150) === '0');
    const sent = formatUtcTimestamp(Date.now() - 1000);
    r.send('D', [[43, 'Y'], [122, sent], ...d('PD1')]);
    const status = await r.message(
      (m) => m.msgType === '8' && m.get(11) === 'PD1' && m.get(150) === 'I',
    );
    expect(status.get(39)).toBe('0');
    expect(r.received.filter((m) => m.get(150) === '8')).toEqual([]);
    r.send('D', d('PD1'));
    const rejected = await r.message((m) => m.get(11) === 'PD1' && m.get(150) === '8');
    expect(rejected.get(103)).toBe('6');
  });

  it('after all that, the order sessions are still up and the book unchanged', async () => {
    expect(client.session.state).toBe('active');
    expect(other.session.state).toBe('active');
    expect(await book(client)).toEqual(before);
  });
});
