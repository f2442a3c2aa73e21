import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTradingCommand, type TradingAction } from '../../src/cli/trading-command.js';
import { DEFAULT_SYMBOLS } from '../../src/feeds/sim/simulated-symbol.js';
import { decimal } from '../../src/market/decimal.js';
import { type Exo, exo, urlOf } from './run-exo.js';

const TOKEN = 'halt-cli-test-token-0123456789abcdef';

/** A running exo (simulated market, paper venue) requiring TOKEN, and its URL. */
async function running(): Promise<{ server: Exo; url: string }> {
  const server = exo(['--port', '0', '--tick-rate', '50', '--latency', '1'], { EXO_TOKEN: TOKEN });
  return { server, url: await urlOf(server) };
}

function api(url: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
}

/** A buy resting a fifth below the simulated market's starting price: its child never fills. */
function restingBuy(symbol: string): object {
  const spec = DEFAULT_SYMBOLS.find((s) => s.symbol === symbol)!;
  const limitPrice = decimal(spec.price).times('0.8').round(2).toFixed();
  return { side: 'buy', symbol, quantity: '1', algo: 'peg', limitPrice };
}

async function place(url: string, order: object): Promise<Response> {
  return api(url, '/v1/orders', { method: 'POST', body: JSON.stringify(order) });
}

/** Waits until the order has a child the venue acknowledged. */
async function resting(url: string, orderId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const order = (await (await api(url, `/v1/orders/${orderId}`)).json()) as {
          children: Array<{ status: string }>;
        };
        return order.children.some((child) => child.status === 'new');
      },
      { timeout: 10_000 },
    )
    .toBe(true);
}

/** `exo halt` or `exo resume` as its own process, with the token in EXO_TOKEN. */
async function command(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const run = exo(args, { EXO_TOKEN: TOKEN });
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

/** `exo halt` or `exo resume` run in this process: its status and what it wrote. */
async function inProcess(
  action: TradingAction,
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (chunk) => {
    out += chunk;
  });
  const stderr = new PassThrough().on('data', (chunk) => {
    err += chunk;
  });
  const code = await runTradingCommand(action, argv, { env, stdout, stderr });
  return { code, out, err };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('exo halt and exo resume against a running exo', () => {
  it('halt cancels the working children and says the venue confirmed them; orders get 409 until resume, then 201', async () => {
    const { url } = await running();
    const orders = [
      await place(url, restingBuy('BTC-USD')),
      await place(url, restingBuy('ETH-USD')),
    ];
    const ids = await Promise.all(
      orders.map(async (response) => {
        expect(response.status).toBe(201);
        return ((await response.json()) as { orderId: string }).orderId;
      }),
    );
    for (const id of ids) await resting(url, id);

    const halted = await command(['halt', '--url', url, '--reason', 'cli test']);
    expect(halted).toEqual({
      code: 0,
      out: `halted (global): ${ids.length} working children cancelled, confirmed by the venue\n`,
      err: '',
    });
    const status = (await (await api(url, '/v1/trading')).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ global: 'halted', awaitingCancel: [] });
    expect(status.confirmedAt).toEqual(expect.any(Number));
    const refused = await place(url, restingBuy('BTC-USD'));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'trading_halted', scope: 'global' });

    const symbolHalt = await command(['halt', '--url', url, '--symbol', 'ETH-USD']);
    expect(symbolHalt.out).toBe('halted (symbol ETH-USD): no working children to cancel\n');

    const resumed = await command(['resume', '--url', url]);
    expect(resumed).toEqual({
      code: 0,
      out: 'resumed (global): trading is active, but still ETH-USD halted\n',
      err: '',
    });
    expect((await place(url, restingBuy('BTC-USD'))).status).toBe(201);
    expect((await place(url, restingBuy('ETH-USD'))).status).toBe(409);
    expect((await command(['resume', '--url', url, '--symbol', 'ETH-USD'])).out).toBe(
      'resumed (symbol ETH-USD): trading is active\n',
    );
    expect((await place(url, restingBuy('ETH-USD'))).status).toBe(201);
    for (const output of [halted, resumed]) expect(output.out + output.err).not.toContain(TOKEN);
  });

  it('exits 1 with one line when exo refuses: a wrong token (never printed), a symbol it does not trade', async () => {
    const { url } = await running();
    const wrong = 'not-the-right-token-0123456789';
    const unauthorized = await inProcess('halt', ['--url', url], { EXO_TOKEN: wrong });
    expect(unauthorized).toEqual({
      code: 1,
      out: '',
      err: `exo halt: exo at ${url} refused POST /v1/halt: 401 unauthorized: authorization: the token is not valid\n`,
    });
    const unknown = await inProcess('halt', ['--url', url, '--symbol', 'DOGE-USD'], {
      EXO_TOKEN: TOKEN,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(
      /^exo halt: .* 422 invalid_instruction: symbol: unknown symbol "DOGE-USD"/,
    );
    const status = (await (await api(url, '/v1/trading')).json()) as { global: string };
    expect(status.global).toBe('active');
  });
});

describe('exo halt without a running exo, or with a bad command line', () => {
  it('exits 1 naming the URL when nothing listens there', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    for (const action of ['halt', 'resume'] as const) {
      const result = await inProcess(action, ['--url', url]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        new RegExp(`^exo ${action}: could not reach exo at ${url}: .*ECONNREFUSED`),
      );
      expect(result.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('exits 2 with the usage for a bad flag or value, without repeating a token', async () => {
    const bad: string[][] = [
      ['--wait-ms', 'soon'],
      ['--wait-ms', '600001'],
      ['--url', 'ftp://example.com'],
      ['--symbol'],
      ['--frobnicate'],
      ['extra'],
      ['--token', 'short-secret'],
    ];
    for (const argv of bad) {
      const result = await inProcess('halt', argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(/^exo halt: .+\nUsage: exo halt/);
      expect(result.err).not.toContain('short-secret');
    }
    expect((await inProcess('halt', ['--help'])).out).toMatch(/^Usage: exo halt/);
  });
});
