import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, rawClient } from '../standalone/helpers.js';

export { eventually } from '../standalone/helpers.js';

const EXO = fileURLToPath(new URL('../../../src/cli/exo.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** The HMAC key pair every local Binance in these tests accepts. */
export const HMAC = { apiKey: 'hmacTestKey1', secretKey: 'hmacSecret-do-not-log-7f3a9c' };
/** An Ed25519 key pair: the server holds the public key (in a key file), the client the private. */
const ed25519 = generateKeyPairSync('ed25519');
export const ED25519 = { apiKey: 'edTestKey1', privateKey: ed25519.privateKey as KeyObject };

/** A local Binance running as its own process (`exo venue --protocol binance`). */
export interface LocalBinance {
  /** `http://127.0.0.1:port`. */
  readonly url: string;
  /** `ws://127.0.0.1:port/ws-api/v3`. */
  readonly wsApi: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `exo venue --protocol binance --port 0` as a child process, with the HMAC key given by
 * flags and the Ed25519 key in a key file, and waits for the line saying where it listens.
 */
export async function startLocalBinance(extraArgs: string[] = []): Promise<LocalBinance> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-binance-'));
  const keyFile = join(dir, 'keys.json');
  const publicKey = ed25519.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(
    keyFile,
    JSON.stringify({ keys: [{ apiKey: ED25519.apiKey, ed25519PublicKey: publicKey }] }),
  );
  chmodSync(keyFile, 0o600);
  const args = [
    '--import',
    TSX,
    EXO,
    'venue',
    '--protocol',
    'binance',
    '--port',
    '0',
    '--api-key',
    HMAC.apiKey,
    '--secret-key',
    HMAC.secretKey,
    '--key-file',
    keyFile,
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 15_000);
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match[1]!);
    };
    child.stdout?.on('data', look);
    child.on('exit', () => reject(new Error(`exited: ${output}`)));
  });
  return {
    url,
    wsApi: `${url.replace('http', 'ws')}/ws-api/v3`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the local Binance's touch on `symbol` shows at least `quantity` on the side a
 * market order of `side` takes (the ask for a buy): its book is the top only, so a market order
 * fills what the touch shows, at least a lot once there is a quote.
 */
export async function touchAtLeast(
  server: LocalBinance,
  symbol: string,
  side: 'BUY' | 'SELL',
  quantity: number,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${server.url}/api/v3/ticker/bookTicker?symbol=${symbol}`);
    if (response.ok) {
      const touch = (await response.json()) as { askQty: string; bidQty: string };
      if (Number(side === 'BUY' ? touch.askQty : touch.bidQty) >= quantity) return;
    }
    if (Date.now() > deadline) throw new Error(`no touch of ${quantity} on ${symbol} in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The HMAC-SHA256 signature of `payload` under the test secret, as Binance wants it (hex). */
export function hmac(payload: string, secretKey = HMAC.secretKey): string {
  return createHmac('sha256', secretKey).update(payload).digest('hex');
}

/** The Ed25519 signature of `payload` under the test private key (base64). */
export function ed25519Signature(payload: string): string {
  return sign(null, Buffer.from(payload), ED25519.privateKey).toString('base64');
}

/** A REST answer: status, headers and parsed body. */
export interface RestAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { code?: number; msg?: string };
}

/** A signed REST request with HMAC (or `signer`), parameters in the query for GET/DELETE, the body otherwise. */
export async function signedRest(
  base: string,
  method: string,
  path: string,
  params: Record<string, string | number>,
  options: {
    apiKey?: string;
    signer?: (payload: string) => string;
    timestamp?: number;
  } = {},
): Promise<RestAnswer> {
  const { apiKey = HMAC.apiKey, signer = hmac, timestamp = Date.now() } = options;
  const query = new URLSearchParams(
    Object.entries({ ...params, timestamp }).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  const signed = `${query}&signature=${encodeURIComponent(signer(query))}`;
  const inQuery = method === 'GET' || method === 'DELETE';
  const response = await fetch(`${base}${path}${inQuery ? `?${signed}` : ''}`, {
    method,
    headers: {
      'X-MBX-APIKEY': apiKey,
      ...(inQuery ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(inQuery ? {} : { body: signed }),
  });
  const body = (await response.json()) as RestAnswer['body'];
  return { status: response.status, headers: response.headers, body };
}

/** POSTs a control command to the local Binance. */
export async function control(base: string, command: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(`${base}/control/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${command}: ${await response.text()}`);
  return response.json();
}

/** A WebSocket API response. */
export interface WsAnswer {
  readonly id: unknown;
  readonly status: number;
  readonly result?: Record<string, unknown> & Record<string, unknown>[];
  readonly error?: { code: number; msg: string; data?: Record<string, unknown> };
  readonly rateLimits?: { rateLimitType: string; count: number }[];
}

/** A WebSocket API client that signs with HMAC: requests by id, and every message received. */
export async function wsApiClient(url: string) {
  const { socket, messages } = await rawClient(url);
  let next = 0;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    messages,
    closed,
    /** The executionReports received, in order. */
    reports(): Record<string, unknown>[] {
      return messages
        .map((message) => message.event as Record<string, unknown> | undefined)
        .filter((event) => event?.e === 'executionReport') as Record<string, unknown>[];
    },
    /** Sends a request without waiting; returns its id. */
    send(method: string, params: Record<string, unknown> = {}, signed = true): string {
      const id = `r${++next}`;
      const full = signed
        ? withSignature({ ...params, apiKey: HMAC.apiKey, timestamp: Date.now() })
        : params;
      socket.send(JSON.stringify({ id, method, params: full }));
      return id;
    },
    /** The response to request `id`, waiting for it. */
    async answer(id: string, timeoutMs = 5000): Promise<WsAnswer> {
      let found: WsAnswer | undefined;
      await eventually(() => {
        found = messages.find((message) => message.id === id) as WsAnswer | undefined;
        return found !== undefined;
      }, timeoutMs);
      return found!;
    },
    /** Sends a request and waits for its response. */
    async call(method: string, params: Record<string, unknown> = {}, signed = true) {
      return this.answer(this.send(method, params, signed));
    },
    close(): void {
      socket.close();
    },
  };
}

/** WebSocket API params with their HMAC signature over the params sorted by name. */
export function withSignature(params: Record<string, unknown>): Record<string, unknown> {
  const payload = Object.keys(params)
    .sort()
    .map((name) => `${name}=${String(params[name])}`)
    .join('&');
  return { ...params, signature: hmac(payload) };
}
