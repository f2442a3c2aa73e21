import { afterEach, describe, expect, it } from 'vitest';
import { type RunningVenueServer, startVenueServer } from '../../../src/venues/standalone/index.js';
import { rawClient } from './helpers.js';

const running: RunningVenueServer[] = [];

async function start(): Promise<RunningVenueServer> {
  const server = await startVenueServer({ port: 0, seed: 3, tickRate: 200, latencyMs: 1 });
  running.push(server);
  return server;
}

afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

/** A valid submit's order fields: a small IOC market buy of ETH. */
function order(clOrdId: string) {
  return {
    clOrdId,
    parentId: clOrdId.split('-')[0],
    symbol: 'ETH-USD',
    side: 'buy',
    quantity: '0.01',
    timeInForce: 'ioc',
  };
}

describe('standalone venue server', () => {
  it('listens on an ephemeral loopback port', async () => {
    const server = await start();
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
  });

  it.each([
    ['text that is not JSON', 'hello', undefined, 'message: expected JSON'],
    ['a message that is not an object', '[1]', undefined, 'message: expected an object, got array'],
    [
      'a message without an id',
      '{"type":"ledger"}',
      undefined,
      'message.id: expected a non-empty string',
    ],
    ['an unknown type', '{"type":"fly","id":"m1"}', 'm1', 'message.type: expected one of submit'],
    [
      'a quantity sent as a JSON number',
      JSON.stringify({ type: 'submit', id: 'm2', order: { ...order('X-1'), quantity: 5 } }),
      'm2',
      'message.order.quantity: expected a decimal string, got number',
    ],
    [
      'a negative cursor',
      '{"type":"fillsSince","id":"m3","cursor":-1}',
      'm3',
      'message.cursor: expected a non-negative integer',
    ],
    [
      'an unknown side',
      JSON.stringify({ type: 'submit', id: 'm4', order: { ...order('X-2'), side: 'short' } }),
      'm4',
      'message.order.side: expected one of buy, sell, got "short"',
    ],
    [
      'a hello whose cancelOnDisconnect is not a boolean',
      '{"type":"hello","id":"m7","cancelOnDisconnect":"yes"}',
      'm7',
      'message.cancelOnDisconnect: expected true or false, got "yes"',
    ],
    [
      'a fillsOf without a clOrdId',
      '{"type":"fillsOf","id":"m5"}',
      'm5',
      'message.clOrdId: expected a non-empty string',
    ],
    [
      'a fillsOf with an empty clOrdId',
      '{"type":"fillsOf","id":"m6","clOrdId":""}',
      'm6',
      'message.clOrdId: expected a non-empty string',
    ],
  ])(
    'answers %s with an error naming the field, and keeps the connection',
    async (_, text, id, error) => {
      const server = await start();
      const client = await rawClient(server.url);
      client.send(text);
      const refusal = await client.next((m) => m.type === 'error');
      expect(refusal.id).toBe(id);
      expect(refusal.error).toContain(error);
      client.send('{"type":"openOrders","id":"after"}');
      expect(await client.next((m) => m.id === 'after')).toEqual({
        type: 'reply',
        id: 'after',
        result: { orders: [] },
      });
      expect(server.venue.ledger().orders).toEqual([]);
      await client.close();
    },
  );

  it('refuses a binary message and stays up', async () => {
    const server = await start();
    const client = await rawClient(server.url);
    client.send(Buffer.from([1, 2, 3]));
    expect((await client.next((m) => m.type === 'error')).error).toContain('got binary');
    client.send('{"type":"ledger","id":"q"}');
    expect(await client.next((m) => m.id === 'q')).toMatchObject({ type: 'reply' });
    await client.close();
  });

  it('takes a child request once however often it is re-sent, and tells every client of its reports', async () => {
    const server = await start();
    const sender = await rawClient(server.url);
    const watcher = await rawClient(server.url);
    sender.send(JSON.stringify({ type: 'submit', id: 'r1', order: order('exo1-1') }));
    sender.send(JSON.stringify({ type: 'submit', id: 'r1', order: order('exo1-2') }));
    sender.send('{"type":"ledger","id":"q1"}');
    const ledger = await sender.next((m) => m.id === 'q1');
    expect((ledger.result as { orders: { clOrdId: string }[] }).orders).toMatchObject([
      { clOrdId: 'exo1-1', status: 'filled', createdAt: expect.any(Number) },
    ]);
    expect(sender.messages.filter((m) => m.type === 'received')).toEqual([
      { type: 'received', id: 'r1' },
      { type: 'received', id: 'r1' },
    ]);
    await watcher.next(
      (m) => m.type === 'report' && (m.report as { execType: string }).execType === 'trade',
    );
    const reports = watcher.messages.filter((m) => m.type === 'report');
    const first = reports[0]!.venueSeq as number;
    expect(reports.map((m) => m.venueSeq)).toEqual([first, first + 1]);
    expect(reports.map((m) => (m.report as { execType: string }).execType)).toEqual([
      'new',
      'trade',
    ]);
    await sender.close();
    await watcher.close();
  });

  it('answers fillsOf with the fills of that child alone, numbered like their reports', async () => {
    const server = await start();
    const client = await rawClient(server.url);
    const trades: Record<string, unknown>[] = [];
    for (const clOrdId of ['exo1-1', 'exo1-2']) {
      client.send(JSON.stringify({ type: 'submit', id: clOrdId, order: order(clOrdId) }));
      const isTrade = (m: Record<string, unknown>) => {
        const report = m.report as { execType: string; clOrdId: string } | undefined;
        return report?.execType === 'trade' && report.clOrdId === clOrdId;
      };
      trades.push(await client.next(isTrade));
    }
    client.send('{"type":"fillsOf","id":"f1","clOrdId":"exo1-1"}');
    const reply = await client.next((m) => m.id === 'f1');
    const [trade] = trades as [{ venueSeq: number; report: { execId: string } }];
    expect(reply).toEqual({
      type: 'reply',
      id: 'f1',
      result: {
        fills: [
          expect.objectContaining({
            clOrdId: 'exo1-1',
            parentId: 'exo1',
            execId: trade.report.execId,
            venueSeq: trade.venueSeq,
            qty: '0.01',
          }),
        ],
      },
    });
    client.send('{"type":"fillsOf","id":"f2","clOrdId":"exo1-404"}');
    expect((await client.next((m) => m.id === 'f2')).result).toEqual({ fills: [] });
    await client.close();
  });

  it('answers a hello with the options in force, and cancels only that session’s orders when it drops', async () => {
    const server = await start();
    const rest = (clOrdId: string) => ({
      ...order(clOrdId),
      limitPrice: '1.00',
      timeInForce: 'gtc',
    });
    const asking = await rawClient(server.url);
    const quiet = await rawClient(server.url);
    asking.send('{"type":"hello","id":"h1","cancelOnDisconnect":true}');
    expect(await asking.next((m) => m.id === 'h1')).toEqual({
      type: 'reply',
      id: 'h1',
      result: { cancelOnDisconnect: true },
    });
    asking.send(JSON.stringify({ type: 'submit', id: 's1', order: rest('exoH-1') }));
    quiet.send(JSON.stringify({ type: 'submit', id: 's2', order: rest('exoQ-1') }));
    const isNew = (clOrdId: string) => (m: Record<string, unknown>) =>
      (m.report as { clOrdId?: string; execType?: string } | undefined)?.clOrdId === clOrdId &&
      (m.report as { execType: string }).execType === 'new';
    await quiet.next(isNew('exoH-1'));
    await quiet.next(isNew('exoQ-1'));
    await asking.close();
    const canceled = await quiet.next(
      (m) => (m.report as { execType?: string } | undefined)?.execType === 'canceled',
    );
    expect(canceled.report).toMatchObject({ clOrdId: 'exoH-1', status: 'canceled' });
    quiet.send('{"type":"openOrders","id":"o1"}');
    const open = (await quiet.next((m) => m.id === 'o1')).result as {
      orders: { clOrdId: string }[];
    };
    expect(open.orders.map((o) => o.clOrdId)).toEqual(['exoQ-1']);
    await quiet.close();
  });

  it('welcomes each client with the run ID before anything else', async () => {
    const server = await start();
    const client = await rawClient(server.url);
    await client.next((m) => m.type === 'quote');
    expect(client.messages[0]).toEqual({
      type: 'welcome',
      runId: server.runId,
      venueSeq: expect.any(Number),
    });
    expect(server.runId).toMatch(/^[0-9a-f]{16}$/);
    await client.close();
  });

  it('names the latest report in the welcome, and replays the reports after a sequence on resume', async () => {
    const server = await start();
    const first = await rawClient(server.url);
    const start0 = (await first.next((m) => m.type === 'welcome')).venueSeq as number;
    first.send(JSON.stringify({ type: 'submit', id: 'r1', order: order('exo1-1') }));
    const isTrade = (m: Record<string, unknown>) =>
      m.type === 'report' && (m.report as { execType: string }).execType === 'trade';
    await first.next(isTrade);
    const reports = first.messages.filter((m) => m.type === 'report');
    expect(reports.map((m) => m.venueSeq)).toEqual([start0 + 1, start0 + 2]);

    const second = await rawClient(server.url);
    expect(await second.next((m) => m.type === 'welcome')).toMatchObject({ venueSeq: start0 + 2 });
    second.send(JSON.stringify({ type: 'resume', id: 'z1', sinceSeq: start0 + 1 }));
    await second.next((m) => m.id === 'z1');
    const replayed = second.messages.filter((m) => m.type === 'report' || m.id === 'z1');
    expect(replayed).toEqual([
      reports[1],
      { type: 'reply', id: 'z1', result: { complete: true, venueSeq: start0 + 2 } },
    ]);
    second.send(JSON.stringify({ type: 'resume', id: 'z2', sinceSeq: start0 + 2 }));
    expect(await second.next((m) => m.id === 'z2')).toMatchObject({
      result: { complete: true, venueSeq: start0 + 2 },
    });
    expect(second.messages.filter((m) => m.type === 'report')).toHaveLength(1);
    await first.close();
    await second.close();
  });

  it('calls a resume incomplete when it has forgotten reports asked for', async () => {
    const server = await startVenueServer({ port: 0, seed: 3, latencyMs: 1, replayReports: 1 });
    running.push(server);
    const client = await rawClient(server.url);
    const from = (await client.next((m) => m.type === 'welcome')).venueSeq as number;
    for (const clOrdId of ['exo1-1', 'exo1-2']) {
      client.send(JSON.stringify({ type: 'submit', id: clOrdId, order: order(clOrdId) }));
    }
    await client.next((m) => m.type === 'report' && m.venueSeq === from + 4);
    client.send(JSON.stringify({ type: 'resume', id: 'z1', sinceSeq: from }));
    const reply = await client.next((m) => m.id === 'z1');
    expect(reply.result).toEqual({ complete: false, venueSeq: from + 4 });
    await client.close();
  });

  it('starts a new run on restart: a new run ID, sequences above the old run’s, new exec IDs', async () => {
    const runs: { runId: string; seqs: number[]; execIds: string[] }[] = [];
    for (const clOrdId of ['exo1-1', 'exo1-2']) {
      const server = await start();
      const client = await rawClient(server.url);
      client.send(JSON.stringify({ type: 'submit', id: 'r1', order: order(clOrdId) }));
      await client.next(
        (m) => m.type === 'report' && (m.report as { execType: string }).execType === 'trade',
      );
      const reports = client.messages.filter((m) => m.type === 'report');
      runs.push({
        runId: server.runId,
        seqs: reports.map((m) => m.venueSeq as number),
        execIds: reports.map((m) => (m.report as { execId: string }).execId),
      });
      await client.close();
      await server.close();
      running.splice(0);
    }
    const [old, renewed] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(renewed.runId).not.toBe(old.runId);
    expect(old.seqs).toHaveLength(2);
    expect(renewed.seqs).toHaveLength(2);
    expect(Math.min(...renewed.seqs)).toBeGreaterThan(Math.max(...old.seqs));
    expect(renewed.seqs.every(Number.isSafeInteger)).toBe(true);
    expect(renewed.execIds.filter((id) => old.execIds.includes(id))).toEqual([]);
  });
});
