import { type AddressInfo, connect as connectTcp, createServer, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { Report } from '../../../src/market/report.js';
import type { Venue } from '../../../src/venues/venue.js';

/** Every report a venue delivered with its venue sequence, and a way to wait for one. */
export function collect(venue: Venue) {
  const reports: { report: Report; venueSeq: number | undefined }[] = [];
  const waiters = new Set<() => void>();
  venue.onReport((report, cursor) => {
    reports.push({ report, venueSeq: cursor === undefined ? undefined : Number(cursor) });
    for (const wake of waiters) wake();
  });
  return {
    reports,
    /** Resolves with the first report matching `test`, waiting up to `timeoutMs` for it. */
    waitFor(test: (report: Report) => boolean, timeoutMs = 5000): Promise<Report> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = reports.find((entry) => test(entry.report));
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found.report);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no matching report in time'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Polls `condition` every few milliseconds until it holds, failing after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A bare protocol client: sends raw text and hands back the parsed messages it receives. */
export async function rawClient(url: string) {
  const socket = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    send(text: string | Buffer): void {
      socket.send(text, { binary: typeof text !== 'string' });
    },
    /** The first message received that matches `test`, waiting for it if need be. */
    async next(
      test: (message: Record<string, unknown>) => boolean,
    ): Promise<Record<string, unknown>> {
      let found: Record<string, unknown> | undefined;
      await eventually(() => {
        found = messages.find(test);
        return found !== undefined;
      });
      return found!;
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}

/**
 * A TCP relay on a free loopback port to `port`, whose connections can be cut: drops a client's
 * connection while the venue behind it keeps running, and can keep it out for a while.
 */
export async function relay(port: number) {
  const sockets = new Set<Socket>();
  let refusing = false;
  const follow = (socket: Socket, other: Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      other.destroy();
    });
  };
  const server = createServer((inbound) => {
    if (refusing) {
      inbound.destroy();
      return;
    }
    const outbound = connectTcp(port, '127.0.0.1');
    follow(inbound, outbound);
    follow(outbound, inbound);
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Cuts every connection through the relay; new ones still pass. */
    cut,
    /** Cuts every connection through the relay and refuses new ones until `restore`. */
    sever(): void {
      refusing = true;
      cut();
    },
    /** Lets new connections through again after `sever`. */
    restore(): void {
      refusing = false;
    },
    close(): Promise<void> {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
