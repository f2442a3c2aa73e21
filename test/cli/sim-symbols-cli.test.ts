import { describe, expect, it } from 'vitest';
import { simulatedSymbolNamed } from '../../src/feeds/sim/index.js';
import { decimal } from '../../src/market/decimal.js';
import { exo, placeOrder, urlOf } from './run-exo.js';

const SYMBOLS = ['DOGE-USD', 'XRP-USD'];

/** A take buying three lots of `symbol` at ten times its start price: on its grids, and filling. */
function take(symbol: string): Record<string, unknown> {
  const spec = simulatedSymbolNamed(symbol);
  return {
    side: 'buy',
    symbol,
    quantity: decimal(spec.lot).times(3).toFixed(),
    limitPrice: decimal(spec.price).times(10).toFixed(),
    algo: 'take',
  };
}

/** Places a take on each of SYMBOLS through `url` and waits for all to fill. */
async function takesFill(url: string): Promise<void> {
  const ids = await Promise.all(SYMBOLS.map((symbol) => placeOrder(url, take(symbol))));
  await expect
    .poll(
      () =>
        Promise.all(
          ids.map(async (id) => {
            const order = (await (await fetch(`${url}/v1/orders/${id}`)).json()) as {
              status: string;
            };
            return order.status;
          }),
        ),
      { timeout: 15_000 },
    )
    .toEqual(['filled', 'filled']);
}

const BASE = ['--port', '0', '--log-level', 'warn', '--no-risk-limits'];

describe('exo --symbols with generated simulated symbols', () => {
  it('trades takes on DOGE-USD and XRP-USD to filled on the in-process paper venue', async () => {
    const exoRun = exo([...BASE, '--symbols', SYMBOLS.join(','), '--tick-rate', '200']);
    await takesFill(await urlOf(exoRun));
  });

  it('trades them against a standalone venue started with the same --symbols', async () => {
    const listed = exo([
      'venue',
      '--port',
      '0',
      '--tick-rate',
      '200',
      '--symbols',
      SYMBOLS.join(','),
    ]);
    await expect.poll(() => listed.stdout(), { timeout: 15_000 }).toMatch(/listening on ws:\/\//);
    const venueUrl = /listening on (ws:\/\/\S+)/.exec(listed.stdout())![1]!;
    const exoRun = exo([...BASE, '--venue', venueUrl, '--symbols', SYMBOLS.join(',')]);
    await takesFill(await urlOf(exoRun));
  });

  it('exits 2 naming a symbol not of the BASE-QUOTE form, in exo and in exo venue', async () => {
    const refused = exo([...BASE, '--symbols', 'DOGE-USD,doge_usd']);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain('"doge_usd": expected BASE-QUOTE');
    const venue = exo(['venue', '--port', '0', '--symbols', 'XRP-USD,XRPUSD']);
    expect(await venue.exited).toBe(2);
    expect(venue.stderr()).toContain('"XRPUSD": expected BASE-QUOTE');
  });
});
