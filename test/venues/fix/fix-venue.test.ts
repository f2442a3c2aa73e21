import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { ack, child, loggedOn } from './fix-harness.js';

const str = (value: unknown) => (value === undefined ? undefined : String(value));

describe('FixVenue: orders out as D/G/F, ExecutionReports in as exo reports', () => {
  it('a limit order is a D under a short ClOrdID; ack, partial and fill reach the parent with string figures and rising cursors', async () => {
    const h = await loggedOn();
    expect(h.venue.connected).toBe(true);
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    expect(d.get(11)!.length).toBeLessThanOrEqual(20);
    expect([d.get(55), d.get(54), d.get(38), d.get(40), d.get(44), d.get(59)]).toEqual([
      'BTC-USD',
      '1',
      '1.5',
      '2',
      '100.25',
      '1',
    ]);
    expect(d.has(60)).toBe(true);
    await h.report(d, { 17: 'e1', 150: '0', 39: '0', 151: '1.5', 14: '0', 6: '0' });
    await h.report(d, {
      17: 'e2',
      150: 'F',
      39: '1',
      32: '0.5',
      31: '100.25',
      151: '1',
      14: '0.5',
      6: '100.25',
    });
    await h.report(d, {
      17: 'e3',
      150: 'F',
      39: '2',
      32: '1',
      31: '100.2',
      151: '0',
      14: '1.5',
      6: '100.2166666',
    });
    const heard = h.heard.map(([r]) => [
      r.clOrdId,
      r.execType,
      r.status,
      str(r.lastQty),
      str(r.lastPx),
      str(r.cumQty),
    ]);
    expect(heard).toEqual([
      [child(1).clOrdId, 'new', 'new', undefined, undefined, '0'],
      [child(1).clOrdId, 'trade', 'partially_filled', '0.5', '100.25', '0.5'],
      [child(1).clOrdId, 'trade', 'filled', '1', '100.2', '1.5'],
    ]);
    expect(h.heard.every(([r]) => r.orderId === child(1).parentId)).toBe(true);
    expect(h.heard[0]![0].venueOrderId).toBe(`V-${d.get(11)}`);
    const cursors = h.heard.map(([, c]) => Number(c));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    const page = await h.venue.fillsSince();
    expect(page.fills.map((f) => [f.execId, f.qty.toString(), f.px.toString()])).toEqual([
      ['e2', '0.5', '100.25'],
      ['e3', '1', '100.2'],
    ]);
    expect((await h.venue.fillsSince(h.heard[1]![1])).fills.map((f) => f.execId)).toEqual(['e3']);
    expect((await h.venue.fillsOf(child(1).clOrdId)).length).toBe(2);
  });

  it('a market order has OrdType 1 and no Price; IOC and FOK carry 59=3 and 4; DAY 0', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1, { limitPrice: undefined, timeInForce: 'ioc' }));
    h.venue.submit(child(2, { timeInForce: 'fok' }));
    h.venue.submit(child(3, { timeInForce: 'day', side: 'sell' }));
    await h.pump();
    const [market, fok, day] = h.got('D');
    expect([market!.get(40), market!.has(44), market!.get(59)]).toEqual(['1', false, '3']);
    expect(fok!.get(59)).toBe('4');
    expect([day!.get(59), day!.get(54)]).toEqual(['0', '2']);
  });

  it('an IOC remainder expires after its partial fill; an unfillable FOK expires with no fill', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1, { timeInForce: 'ioc' }));
    h.venue.submit(child(2, { timeInForce: 'fok' }));
    await h.pump();
    const [ioc, fok] = h.got('D');
    await h.report(ioc!, {
      17: 'i1',
      150: 'F',
      39: '1',
      32: '0.5',
      31: '100',
      151: '1',
      14: '0.5',
      6: '100',
    });
    await h.report(ioc!, { 17: 'i2', 150: 'C', 39: 'C', 151: '0', 14: '0.5', 6: '100' });
    await h.report(fok!, {
      17: 'f1',
      150: 'C',
      39: 'C',
      151: '0',
      14: '0',
      58: 'FOK not fillable',
    });
    expect(h.heard.map(([r]) => [r.clOrdId, r.execType, r.status, r.text])).toEqual([
      [child(1).clOrdId, 'trade', 'partially_filled', undefined],
      [child(1).clOrdId, 'expired', 'expired', undefined],
      [child(2).clOrdId, 'expired', 'expired', 'FOK not fillable'],
    ]);
    expect((await h.venue.fillsOf(child(2).clOrdId)).length).toBe(0);
  });

  it('a replace is a G renaming the order (41 the current ClOrdID, 11 a new one); reports under the new one name newClOrdId; a cancel then names it in 41', async () => {
    const h = await loggedOn();
    expect(h.venue.clientIds.renamesOnReplace).toBe('always');
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    await h.report(d, ack('a'));
    const renamed = `${child(1).parentId}-2`;
    h.venue.replace({
      clOrdId: child(1).clOrdId,
      newClOrdId: renamed,
      quantity: decimal('2'),
      limitPrice: decimal('101'),
    });
    await h.pump();
    const g = h.last('G');
    expect([g.get(41), g.get(37), g.get(38), g.get(44), g.get(40), g.get(54), g.get(55)]).toEqual([
      d.get(11),
      `V-${d.get(11)}`,
      '2',
      '101',
      '2',
      '1',
      'BTC-USD',
    ]);
    expect(g.get(11)).not.toBe(d.get(11));
    expect(g.get(11)!.length).toBeLessThanOrEqual(20);
    await h.report(g, {
      37: `V-${d.get(11)}`,
      17: 'b',
      150: '5',
      39: '0',
      38: '2',
      44: '101',
      151: '2',
      14: '0',
    });
    expect(h.heard.at(-1)![0]).toMatchObject({
      clOrdId: renamed,
      execType: 'replaced',
      status: 'new',
    });
    h.venue.cancel(renamed);
    await h.pump();
    const f = h.last('F');
    expect([f.get(41), f.get(38), f.get(55), f.get(54)]).toEqual([g.get(11), '2', 'BTC-USD', '1']);
    expect(f.has(60)).toBe(true);
    await h.report(f, { 37: `V-${d.get(11)}`, 17: 'c', 150: '4', 39: '4', 151: '0', 14: '0' });
    expect(h.heard.at(-1)![0]).toMatchObject({
      clOrdId: renamed,
      execType: 'canceled',
      status: 'canceled',
    });
  });

  it('a second replace while one is pending is refused locally, and never reaches the wire', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    await h.pump();
    h.venue.replace({
      clOrdId: child(1).clOrdId,
      newClOrdId: `${child(1).parentId}-2`,
      quantity: decimal('2'),
    });
    h.venue.replace({
      clOrdId: child(1).clOrdId,
      newClOrdId: `${child(1).parentId}-3`,
      quantity: decimal('3'),
    });
    await h.pump();
    expect(h.got('G')).toHaveLength(1);
    expect(h.heard.map(([r]) => [r.execType, r.text])).toEqual([
      ['replace_rejected', expect.stringContaining('pending: refused locally')],
    ]);
  });

  it('a cancel after the fill gets 9 reason 0: cancel_rejected with the venue text, the child filled', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    await h.report(d, {
      17: 'x1',
      150: 'F',
      39: '2',
      32: '1.5',
      31: '100',
      151: '0',
      14: '1.5',
      6: '100',
    });
    h.venue.cancel(child(1).clOrdId);
    await h.pump();
    const f = h.last('F');
    await h.send('9', {
      37: `V-${d.get(11)}`,
      11: f.get(11)!,
      41: f.get(41)!,
      39: '2',
      434: '1',
      102: '0',
      58: 'Too late to cancel',
    });
    expect(h.heard.at(-1)![0]).toMatchObject({
      orderId: child(1).parentId,
      clOrdId: child(1).clOrdId,
      execType: 'cancel_rejected',
      status: 'filled',
      text: 'Too late to cancel (CxlRejReason 0)',
    });
    expect(h.venue.counters.rejects).toBe(1);
  });

  it('a Reject (3) of a D, a BusinessMessageReject (j) of a G and a 9 of a replace reach the parent with the venue text', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    h.venue.submit(child(2));
    await h.pump();
    const [d1, d2] = h.got('D');
    await h.sendAdmin('3', {
      45: d1!.get(34)!,
      371: '44',
      372: 'D',
      373: '5',
      58: 'Price out of range',
    });
    expect(h.heard.at(-1)![0]).toMatchObject({
      clOrdId: child(1).clOrdId,
      execType: 'rejected',
      status: 'rejected',
      text: 'Reject: Price out of range',
    });
    await h.report(d2!, ack('n2'));
    h.venue.replace({
      clOrdId: child(2).clOrdId,
      newClOrdId: `${child(2).parentId}-7`,
      quantity: decimal('1'),
    });
    await h.pump();
    const g = h.last('G');
    await h.send('j', {
      45: g.get(34)!,
      372: 'G',
      379: g.get(11)!,
      380: '3',
      58: 'Replace not supported',
    });
    expect(h.heard.at(-1)![0]).toMatchObject({
      clOrdId: `${child(2).parentId}-7`,
      execType: 'replace_rejected',
      status: 'new',
      text: 'BusinessMessageReject: Replace not supported',
    });
    h.venue.replace({
      clOrdId: child(2).clOrdId,
      newClOrdId: `${child(2).parentId}-8`,
      quantity: decimal('1'),
    });
    await h.pump();
    const g2 = h.last('G');
    await h.send('9', {
      37: 'V',
      11: g2.get(11)!,
      41: g2.get(41)!,
      39: '0',
      434: '2',
      102: '3',
      58: 'Pending replace',
    });
    expect(h.heard.at(-1)![0]).toMatchObject({
      clOrdId: `${child(2).parentId}-8`,
      execType: 'replace_rejected',
      text: 'Pending replace (CxlRejReason 3)',
    });
    // The G rejected by the 9 named d2's ClOrdID as the order's current one: still so.
    expect(g2.get(41)).toBe(d2!.get(11));
    h.venue.submit(child(3));
    await h.pump();
    const d3 = h.last('D');
    await h.report(d3, {
      17: 'r3',
      150: '8',
      39: '8',
      103: '1',
      58: 'Unknown symbol',
      151: '0',
      14: '0',
    });
    expect(h.heard.at(-1)![0]).toMatchObject({
      clOrdId: child(3).clOrdId,
      execType: 'rejected',
      status: 'rejected',
      text: 'Unknown symbol',
    });
  });

  it('a G refused with an ExecType 8 (not a 9) is replace_rejected: the order keeps its ClOrdID and status', async () => {
    const h = await loggedOn();
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    await h.report(d, ack('a'));
    h.venue.replace({
      clOrdId: child(1).clOrdId,
      newClOrdId: `${child(1).parentId}-2`,
      quantity: decimal('2'),
    });
    await h.pump();
    const g = h.last('G');
    await h.report(g, { 17: 'r', 150: '8', 39: '8', 58: 'Replace refused', 151: '0', 14: '0' });
    expect(h.heard.at(-1)![0]).toMatchObject({
      clOrdId: `${child(1).parentId}-2`,
      execType: 'replace_rejected',
      status: 'new',
      text: 'Replace refused',
    });
    h.venue.cancel(child(1).clOrdId);
    await h.pump();
    expect(h.last('F').get(41)).toBe(d.get(11));
  });

  it('a report for an order the adapter never sent is a problem, never thrown or reported', async () => {
    const h = await loggedOn();
    await h.send('8', {
      37: 'V9',
      11: 'zz-9',
      17: 'q',
      150: '0',
      39: '0',
      55: 'BTC-USD',
      54: '1',
      151: '1',
      14: '0',
    });
    expect(h.heard).toEqual([]);
    expect(h.problems).toEqual([expect.stringContaining('unknown order zz-9')]);
    expect(h.venue.connected).toBe(true);
  });
});
