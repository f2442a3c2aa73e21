import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CancelTimer, Clock } from '../../../src/core/clock.js';
import { BinanceSigner } from '../../../src/venues/binance/index.js';
import { HMAC } from '../binance-local/local-binance.js';
import {
  type Adapter,
  ed25519Signer,
  eventually,
  type LocalBinance,
  restingBuy,
  startAdapter,
  startLocalBinance,
} from './adapter.js';

/** The wall clock off by `skewMs` (changeable), its timers kept in real time. */
class SkewedClock implements Clock {
  constructor(public skewMs: number) {}
  now(): number {
    return Date.now() + this.skewMs;
  }
  setTimer(time: number, callback: () => void): CancelTimer {
    const handle = setTimeout(callback, Math.max(0, time - this.now()));
    return () => clearTimeout(handle);
  }
}

describe('the Binance adapter signing its requests', () => {
  let server: LocalBinance;
  let adapter: Adapter | undefined;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterEach(async () => {
    await adapter?.close();
    adapter = undefined;
  });
  afterAll(async () => server?.stop());

  it('trades with an HMAC-SHA256 key and with an Ed25519 key', async () => {
    adapter = await startAdapter(server);
    adapter.venue.submit(restingBuy('sg1-1'));
    await eventually(() => adapter!.of('sg1-1').some((r) => r.execType === 'new'));
    await adapter.close();
    adapter = await startAdapter(server, { signer: ed25519Signer() });
    adapter.venue.submit(restingBuy('sg2-1'));
    await eventually(() => adapter!.of('sg2-1').some((r) => r.execType === 'new'));
  });

  it("with a wrong key: a start_failed event naming Binance's error, and orders refused, not sent", async () => {
    const wrong = new BinanceSigner({
      kind: 'hmac',
      apiKey: HMAC.apiKey,
      secretKey: 'not-the-secret',
    });
    adapter = await startAdapter(server, { signer: wrong }, false);
    await eventually(() => adapter!.events.some((e) => e.kind === 'start_failed'));
    expect(adapter.events.find((e) => e.kind === 'start_failed')!.message).toMatch(
      /Binance -1022: Signature for this request is not valid/,
    );
    adapter.venue.submit(restingBuy('sg3-1'));
    await eventually(() => adapter!.of('sg3-1').length > 0);
    expect(adapter.of('sg3-1')[0]).toMatchObject({ execType: 'rejected', status: 'rejected' });
    expect(adapter.of('sg3-1')[0]!.text).toMatch(
      /^not sent: the Binance adapter has not started \(Binance -1022/,
    );
    await expect(adapter.venue.openOrders()).rejects.toThrow(/has not started/);
  });

  it("measures a skewed clock's offset at start, so its requests are accepted", async () => {
    const clock = new SkewedClock(-3_600_000);
    adapter = await startAdapter(server, { clock });
    expect(adapter.raw.state.clockOffsetMs).toBeGreaterThan(3_590_000);
    expect(adapter.events.find((e) => e.kind === 'clock_offset')!.message).toMatch(
      /clock is 3\d{6} ms ahead/,
    );
    adapter.venue.submit(restingBuy('sg4-1'));
    await eventually(() => adapter!.of('sg4-1').some((r) => r.execType === 'new'));
  });

  it('measures again on -1021 (timestamp outside recvWindow) and sends the refused request again', async () => {
    const clock = new SkewedClock(0);
    adapter = await startAdapter(server, { clock, recvWindowMs: 5000 });
    clock.skewMs = -20_000; // exo's clock jumps back: its timestamps are older than recvWindow
    adapter.venue.submit(restingBuy('sg5-1'));
    await eventually(() => adapter!.of('sg5-1').some((r) => r.execType === 'new'));
    const refused = adapter.events.find((e) => e.kind === 'timestamp_refused');
    expect(refused?.message).toMatch(/order\.place refused for its timestamp \(-1021\)/);
    expect(adapter.raw.state.clockOffsetMs).toBeGreaterThan(19_000);
  });

  it('a timestamp refused again after measuring is a rejection carrying -1021', async () => {
    const clock = new SkewedClock(0);
    adapter = await startAdapter(server, { clock, recvWindowMs: 5000 });
    // The clock moves back every time it is read once the order is asked for: measuring cannot keep up.
    let drift = 0;
    clock.now = () => {
      drift += 10_000;
      return Date.now() - drift;
    };
    adapter.venue.submit(restingBuy('sg6-1'));
    await eventually(() => adapter!.of('sg6-1').length > 0);
    expect(adapter.of('sg6-1')[0]).toMatchObject({ execType: 'rejected' });
    expect(adapter.of('sg6-1')[0]!.text).toMatch(/^Binance -1021: /);
  });
});
