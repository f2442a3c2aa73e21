import { basename } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FixField, FixMessage } from '../../../src/fix/message.js';
import { ack, child, FixHarness } from './fix-harness.js';

/** File writes and fsyncs (by file name), reports reaching exo and bytes reaching the socket, in order. */
const { events, names } = vi.hoisted(() => ({
  events: [] as string[],
  names: new Map<number, string>(),
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const name = (fd: number): string => names.get(fd) ?? 'other';
  return {
    ...fs,
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      const fd = fs.openSync(...args);
      names.set(fd, basename(String(args[0])));
      return fd;
    },
    writeSync: (...args: Parameters<typeof fs.writeSync>) => {
      events.push(`write ${name(args[0])}`);
      return (fs.writeSync as (...a: unknown[]) => number)(...args);
    },
    fsyncSync: (fd: number) => {
      events.push(`fsync ${name(fd)}`);
      fs.fsyncSync(fd);
    },
  };
});

/** exo's files only: the counterparty's store never fsyncs and is not exo's. */
const exoEvents = (): string[] =>
  events.filter((e) => !e.endsWith('venue.store') && !e.endsWith('other'));

/** Runs `send` on the counterparty with its bytes held, then delivers them to exo as one chunk. */
async function oneChunk(h: FixHarness, send: () => void): Promise<void> {
  const end = h.end!;
  const held: Buffer[] = [];
  const deliver = end.send.bind(end);
  end.send = (bytes) => held.push(Buffer.from(bytes));
  send();
  end.send = deliver;
  deliver(Buffer.concat(held));
  await h.pump();
}

/** A harness with exo's store and order log on fsync 'always', logged on, `n` children sent. */
async function withOrders(n: number): Promise<{ h: FixHarness; orders: FixMessage[] }> {
  const h = new FixHarness('always');
  h.venue.onReport((report) => events.push(`report ${report.clOrdId} ${report.execType}`));
  await h.pump();
  for (let i = 1; i <= n; i++) h.venue.submit(child(i));
  await h.pump();
  const socket = h.exoEnds.at(-1)!;
  const send = socket.send.bind(socket);
  socket.send = (bytes) => {
    events.push('socket');
    send(bytes);
  };
  return { h, orders: h.got('D') };
}

async function close(h: FixHarness): Promise<void> {
  const closing = h.venue.close();
  await h.advance(3000);
  await closing;
}

const reportOf = (d: FixMessage, execId: string): FixField[] =>
  Object.entries({
    37: `V-${d.get(11)}`,
    11: d.get(11)!,
    ...ack(execId),
    55: 'BTC-USD',
    54: '1',
  }).map(([tag, value]): FixField => [Number(tag), value]);

describe("FIX adapter with fsync 'always': a received chunk is one commit", () => {
  it('reports reach exo only after the order log and then the session store are fsynced, once each per chunk', async () => {
    const { h, orders } = await withOrders(3);
    expect(orders).toHaveLength(3);
    events.length = 0;
    await oneChunk(h, () => {
      for (const [i, d] of orders.entries()) h.counterparty.send('8', reportOf(d, `E${i}`));
    });
    const seen = exoEvents();
    expect(seen.filter((e) => e.startsWith('report'))).toHaveLength(3);
    const firstReport = seen.findIndex((e) => e.startsWith('report'));
    expect(seen.slice(0, firstReport)).toEqual([
      'write orders.log',
      'write orders.log',
      'write orders.log',
      'fsync orders.log',
      'write session.store',
      'fsync session.store',
    ]);
    expect(seen.slice(firstReport).every((e) => e.startsWith('report'))).toBe(true);
    await close(h);
  });

  it('what a chunk makes the session send reaches the socket only after the store holding it is fsynced', async () => {
    const { h, orders } = await withOrders(1);
    events.length = 0;
    await oneChunk(h, () => {
      h.counterparty.send('8', reportOf(orders[0]!, 'E1'));
      void h.sendAdmin('1', { 112: 'ping' });
    });
    expect(h.sentByExo('0').some((m) => m.get(112) === 'ping')).toBe(true);
    const seen = exoEvents();
    const storeFsync = seen.indexOf('fsync session.store');
    expect(storeFsync).toBeGreaterThan(seen.indexOf('write session.store'));
    expect(seen.indexOf('socket')).toBeGreaterThan(storeFsync);
    expect(seen.indexOf('report exo-mj8x2k1a-0a1b2c3d-1z-1 new')).toBeGreaterThan(storeFsync);
    await close(h);
  });
});
