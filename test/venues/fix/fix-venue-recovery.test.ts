import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { ack, child, loggedOn } from './fix-harness.js';

describe('FixVenue: each ExecID once, restarts, drops and queries', () => {
  it('the same ExecutionReport delivered twice is applied once, also after a restart', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    const fill = {
      17: 'dup1',
      150: 'F',
      39: '1',
      32: '0.5',
      31: '100',
      151: '1',
      14: '0.5',
      6: '100',
    };
    await h.report(d, fill);
    await h.report(d, fill);
    expect(h.heard).toHaveLength(1);
    expect(h.venue.counters.duplicateReports).toBe(1);
    expect(h.venue.link().counters).toMatchObject({
      'duplicate reports': 1,
      'rejects received': 0,
    });
    await h.restartExo();
    await h.report(d, fill);
    expect(h.heard).toHaveLength(1);
    expect(h.venue.counters.duplicateReports).toBe(1);
    expect((await h.venue.fillsSince()).fills.map((f) => f.execId)).toEqual(['dup1']);
  });

  it('an ExecID seen on one order does not hide a report of another (a venue whose ExecIDs restarted)', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    h.venue.submit(child(2));
    await h.pump();
    const [d1, d2] = h.got('D');
    await h.report(d1!, ack('E-1'));
    await h.report(d2!, ack('E-1'));
    expect(h.heard.map(([r]) => r.clOrdId)).toEqual([child(1).clOrdId, child(2).clOrdId]);
  });

  it('a fill before its ack ends partially filled: the late ack is told as a status, cumulative figures left out', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    await h.report(d, {
      17: 'f',
      150: 'F',
      39: '1',
      32: '0.5',
      31: '100',
      151: '1',
      14: '0.5',
      6: '100',
    });
    await h.report(d, ack('a'));
    expect(h.heard.map(([r]) => [r.execType, r.status, r.cumQty?.toString()])).toEqual([
      ['trade', 'partially_filled', '0.5'],
      ['status', 'partially_filled', undefined],
    ]);
  });

  it('exo killed while reports pile up: the restart resumes both sequences, the venue resends them PossDup, each applied once', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    h.venue.submit(child(2));
    await h.pump();
    const [d1, d2] = h.got('D');
    await h.report(d1!, ack('k1'));
    const seqBefore = h.venue.session.options.store.nextSenderSeq;
    await h.restartExo(true, async () => {
      // exo is down: the venue's reports are stored on its side only.
      await h.report(d1!, {
        17: 'k2',
        150: 'F',
        39: '2',
        32: '1.5',
        31: '99',
        151: '0',
        14: '1.5',
        6: '99',
      });
      await h.report(d2!, ack('k3'));
    });
    await h.pump();
    const logons = h.sentByExo('A');
    expect(logons).toHaveLength(2);
    expect(Number(logons[1]!.get(34))).toBe(seqBefore);
    expect(logons[1]!.has(141)).toBe(false);
    expect(h.sentByExo('2')).toHaveLength(1); // exo asked for what it missed
    // d2, unanswered at the crash, was reported unknown; the resend resolves it.
    expect(h.heard.map(([r]) => [r.clOrdId, r.execId ?? r.execType, r.status])).toEqual([
      [child(1).clOrdId, 'k1', 'new'],
      [child(2).clOrdId, 'unknown', 'pending_new'],
      [child(1).clOrdId, 'k2', 'filled'],
      [child(2).clOrdId, 'k3', 'new'],
    ]);
    // The venue resending everything again changes nothing.
    await h.report(d1!, {
      17: 'k2',
      150: 'F',
      39: '2',
      32: '1.5',
      31: '99',
      151: '0',
      14: '1.5',
      6: '99',
    });
    expect(h.heard).toHaveLength(4);
    expect((await h.venue.fillsSince()).fills.map((f) => f.execId)).toEqual(['k2']);
  });

  it('ClOrdIDs stay unique and within 20 characters across three restarts', async () => {
    const h = await loggedOn();
    for (let restart = 0; restart <= 3; restart++) {
      for (let n = 1; n <= 3; n++) h.venue.submit(child(restart * 10 + n));
      await h.pump();
      h.venue.cancel(child(restart * 10 + 1).clOrdId);
      await h.pump();
      if (restart < 3) await h.restartExo(restart % 2 === 1);
    }
    const ids = [...h.got('D'), ...h.got('F')].map((m) => m.get(11)!);
    expect(ids).toHaveLength(16);
    expect(new Set(ids).size).toBe(16);
    expect(ids.every((id) => id.length <= 20)).toBe(true);
  });

  it('a request unanswered when the session drops is reported unknown, then resolved by the report that follows the reconnect', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    await h.drop();
    expect(h.heard.map(([r]) => [r.clOrdId, r.execType, r.status])).toEqual([
      [child(1).clOrdId, 'unknown', 'pending_new'],
    ]);
    expect(h.venue.connected).toBe(false);
    await h.advance(200);
    expect(h.venue.connected).toBe(true);
    await h.report(d, ack('u1'));
    expect(h.heard.at(-1)![0]).toMatchObject({ execType: 'new', status: 'new' });
  });

  it('a replace and a cancel unanswered at a drop are unknown too, each in its pending status', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    h.venue.submit(child(2));
    await h.pump();
    const [d1, d2] = h.got('D');
    await h.report(d1!, ack('p1'));
    await h.report(d2!, ack('p2'));
    h.venue.replace({
      clOrdId: child(1).clOrdId,
      newClOrdId: `${child(1).parentId}-9`,
      quantity: decimal('1'),
    });
    h.venue.cancel(child(2).clOrdId);
    await h.pump();
    await h.drop();
    expect(h.heard.slice(2).map(([r]) => [r.clOrdId, r.execType, r.status])).toEqual([
      [`${child(1).parentId}-9`, 'unknown', 'pending_replace'],
      [child(2).clOrdId, 'unknown', 'pending_cancel'],
    ]);
  });

  it('a request made while down is stored and reaches the venue by resend, PossDup', async () => {
    const h = await loggedOn();
    h.reachable = false;
    await h.drop();
    h.venue.submit(child(1));
    await h.pump();
    h.reachable = true;
    await h.advance(200);
    const d = h.last('D');
    expect([d.get(43), d.get(11)!.length <= 20]).toEqual(['Y', true]);
  });

  it('orderStatus is an H answered by its status report; openOrders an AF collecting reports to LastRptRequested', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    h.venue.submit(child(2));
    await h.pump();
    const [d1, d2] = h.got('D');
    const asked = h.venue.orderStatus(child(1).clOrdId);
    await h.pump();
    const hReq = h.last('H');
    expect(hReq.get(11)).toBe(d1!.get(11));
    await h.report(d1!, {
      17: 's1',
      150: 'I',
      39: '1',
      790: hReq.get(790)!,
      38: '1.5',
      44: '100.25',
      151: '1',
      14: '0.5',
      6: '100',
    });
    const status = await asked;
    expect(status).toMatchObject({
      clOrdId: child(1).clOrdId,
      status: 'partially_filled',
      parentId: child(1).parentId,
    });
    expect([
      status!.cumQty.toString(),
      status!.leavesQty.toString(),
      status!.avgPx?.toString(),
    ]).toEqual(['0.5', '1', '100']);
    expect(h.heard).toEqual([]); // a status answer is not a report

    const open = h.venue.openOrders('exo-');
    await h.pump();
    const af = h.last('AF');
    expect(af.get(585)).toBe('7');
    const id = af.get(584)!;
    await h.report(d1!, { 17: 'm1', 150: 'I', 39: '0', 584: id, 911: '2', 151: '1.5', 14: '0' });
    await h.report(d2!, {
      17: 'm2',
      150: 'I',
      39: '0',
      584: id,
      911: '2',
      912: 'Y',
      151: '1.5',
      14: '0',
    });
    expect((await open).map((o) => o.clOrdId)).toEqual([child(1).clOrdId, child(2).clOrdId]);

    const none = h.venue.openOrders();
    await h.pump();
    await h.send('8', {
      37: 'NONE',
      11: 'NONE',
      17: 'm0',
      150: 'I',
      39: '0',
      584: h.last('AF').get(584)!,
      911: '0',
      912: 'Y',
      55: 'NA',
      54: '1',
      151: '0',
      14: '0',
    });
    expect(await none).toEqual([]);
    expect(await h.venue.orderStatus('never-sent-1')).toBeUndefined();
  });

  it('at every logon an AF, then an H for each working order it did not list; where the venue is ahead, exo hears a status report', async () => {
    const h = await loggedOn();
    for (const n of [1, 2, 3]) h.venue.submit(child(n));
    await h.pump();
    const [d1, d2, d3] = h.got('D');
    await h.report(d1!, ack('k1'));
    await h.report(d2!, ack('k2'));
    await h.report(d3!, ack('k3'));
    h.heard.splice(0);
    await h.drop();
    await h.advance(200);
    expect(h.venue.connected).toBe(true);
    const af = h.last('AF');
    const id = af.get(584)!;
    // The venue filled 1 and the adapter never heard it; 3 stands as the adapter knows it.
    await h.report(d1!, {
      17: 'a1',
      150: 'I',
      39: '2',
      584: id,
      911: '2',
      151: '0',
      14: '1.5',
      6: '100',
    });
    await h.report(d3!, {
      17: 'a3',
      150: 'I',
      39: '0',
      584: id,
      911: '2',
      912: 'Y',
      151: '1.5',
      14: '0',
    });
    const status = h.last('H');
    expect(status.get(11)).toBe(d2!.get(11));
    await h.report(d2!, { 17: 's2', 150: 'I', 39: '4', 790: status.get(790)!, 151: '0', 14: '0' });
    expect(h.heard.map(([r]) => [r.clOrdId, r.execType, r.status, r.cumQty?.toString()])).toEqual([
      [child(1).clOrdId, 'status', 'filled', '1.5'],
      [child(2).clOrdId, 'status', 'canceled', '0'],
    ]);
    expect(
      h.problems.filter((p) => p.startsWith('reconciling at logon: the venue has')),
    ).toHaveLength(2);
    // Nothing more to say at the next logon: the adapter took the venue's word for both.
    h.heard.splice(0);
    await h.drop();
    await h.advance(200);
    const next = h.last('AF').get(584)!;
    await h.report(d3!, {
      17: 'b3',
      150: 'I',
      39: '0',
      584: next,
      911: '1',
      912: 'Y',
      151: '1.5',
      14: '0',
    });
    expect(h.got('H')).toHaveLength(1);
    expect(h.heard).toEqual([]);
  });

  it('a query the venue rejects (j) fails with its text; one unanswered times out', async () => {
    const h = await loggedOn();
    const open = expect(h.venue.openOrders()).rejects.toThrow('AF unsupported');
    await h.pump();
    await h.send('j', { 45: h.last('AF').get(34)!, 372: 'AF', 380: '3', 58: 'AF unsupported' });
    await open;
    h.venue.submit(child(1));
    await h.pump();
    const late = expect(h.venue.orderStatus(child(1).clOrdId)).rejects.toThrow(/did not answer/);
    await h.advance(1_100);
    await late;
  });
});
