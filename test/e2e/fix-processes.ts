import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { FixMessage } from '../../src/fix/message.js';
import { parseFix } from '../../src/fix/parse.js';
import { decodeRecords } from '../../src/fix/store-records.js';
import { FixVenueProcess } from '../venues/fix-venue/venue-process.js';

/** The CompIDs both sides use: exo is EXO, the venue PAPER. */
const EXO_ID = 'EXO';
const VENUE_ID = 'PAPER';

/** The CompID of a second session, for the FIX adapter driven directly by a test. */
export const DIRECT_ID = 'DIRECT';

/**
 * `exo venue --protocol fix` in its own process, on `port` (0: any free one), its store in `dir`,
 * with a session for exo and one for DIRECT.
 */
export function startFixVenue(dir: string, port = 0): Promise<FixVenueProcess> {
  return FixVenueProcess.start([
    ...['--port', String(port), '--store', dir],
    ...['--sender-comp-id', VENUE_ID, '--target-comp-id', `${EXO_ID},${DIRECT_ID}`],
  ]);
}

const EXO = fileURLToPath(new URL('../../src/cli/exo.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** A running exo process on a FIX venue: its HTTP URL, the store of its FIX session, what it printed. */
export interface ExoOnFix {
  readonly child: ChildProcess;
  readonly url: string;
  readonly fixStore: string;
  readonly output: () => string;
}

/**
 * `exo --venue fix://127.0.0.1:PORT` in its own process (from source), journal and FIX store in
 * `dir`, no risk limits, HTTP on a free port; resolves with the URL its banner prints. (Not
 * test/cli/run-exo.ts: that kills its processes after each test, and these live for a file.)
 */
export async function startExoOnFix(dir: string, venuePort: number): Promise<ExoOnFix> {
  const fixStore = join(dir, 'fix');
  const args = [
    ...['--port', '0', '--venue', `fix://127.0.0.1:${venuePort}`, '--symbols', 'BTC-USD'],
    ...['--fix-sender-comp-id', EXO_ID, '--fix-target-comp-id', VENUE_ID],
    ...['--fix-store', fixStore, '--fix-heartbeat', '1', '--no-risk-limits'],
    ...['--journal', join(dir, 'journal.db')],
  ];
  const child = spawn(process.execPath, ['--import', TSX, EXO, ...args], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const banner = /Dashboard: (http:\/\/\S+)\//;
  await until(
    () => banner.test(text) || child.exitCode !== null,
    30_000,
    'exo to print its banner',
  );
  const url = banner.exec(text)?.[1];
  if (url === undefined) throw new Error(`exo did not start: ${text}`);
  return { child, url, fixStore, output: () => text };
}

/**
 * Resolves once `check` holds, polling every 20 ms; throws naming `what` after `timeout` ms.
 * (Usable in hooks, where expect.poll is not.)
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeout: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a JSON request to exo's HTTP API; the status and the parsed body. */
export async function api(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A child as `GET /v1/orders/:id` shows it (the fields these tests read). */
export interface ChildView {
  readonly clOrdId: string;
  readonly venueClOrdId?: string;
  readonly status: string;
  readonly quantity: string;
  readonly cumQty: string;
  readonly limitPrice?: string;
  readonly timeInForce: string;
}

/** An order as `GET /v1/orders/:id` shows it (the fields these tests read). */
export interface OrderView {
  readonly orderId: string;
  readonly status: string;
  readonly quantity: string;
  readonly cumQty: string;
  readonly limitPrice?: string;
  readonly children: ChildView[];
  readonly fills: Array<{ execId: string; clOrdId: string; qty: string; px: string }>;
}

/** The order as exo shows it now. */
export async function orderOf(url: string, orderId: string): Promise<OrderView> {
  const { status, body } = await api(url, 'GET', `/v1/orders/${orderId}`);
  expect(status).toBe(200);
  return body as unknown as OrderView;
}

/** Polls the order until `done` holds (deadline `timeout` ms); returns it then. */
export async function orderWhen(
  url: string,
  orderId: string,
  done: (order: OrderView) => boolean,
  timeout = 20_000,
): Promise<OrderView> {
  let last: OrderView | undefined;
  await expect
    .poll(
      async () => {
        last = await orderOf(url, orderId);
        return done(last);
      },
      { timeout, interval: 50 },
    )
    .toBe(true);
  return last!;
}

/** Places an order (201 expected); its ID. */
export async function place(url: string, order: Record<string, unknown>): Promise<string> {
  const placed = await api(url, 'POST', '/v1/orders', order);
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return placed.body.orderId as string;
}

/** Whether exo's link to the venue is up, as `GET /v1/venue` says. */
export async function venueConnected(url: string): Promise<boolean> {
  const { body } = await api(url, 'GET', '/v1/venue');
  return (body.link as { connected?: boolean } | undefined)?.connected === true;
}

/** A message a session store holds: the MsgSeqNum it was sent with, and the message (absent for admin ones). */
export interface StoredMessage {
  readonly seq: number;
  readonly message?: FixMessage;
}

/**
 * What a session store file says was sent, in file order (read only: the owner may be writing).
 * A store emptied by a sequence reset starts again at 1, so the seqs tell whether one happened.
 */
export function storedMessages(path: string): StoredMessage[] {
  const { records } = decodeRecords(readFileSync(path));
  const sent: StoredMessage[] = [];
  for (const record of records) {
    if (record.kind !== 'sent') continue;
    const raw = record.raw;
    const message = raw === undefined || raw.length === 0 ? undefined : parseFix(raw).message;
    sent.push(message === undefined ? { seq: record.seq } : { seq: record.seq, message });
  }
  return sent;
}

/** The venue's session store for exo's session, in the venue's store directory. */
export function venueStorePath(venueDir: string): string {
  return join(venueDir, `${VENUE_ID}-${EXO_ID}.store`);
}
