import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { simulatedSymbolNamed } from '../../../src/feeds/sim/index.js';
import { RemoteVenue } from '../../../src/venues/remote/index.js';
import {
  parseVenueArgs,
  runVenueMain,
  type VenueMainIO,
} from '../../../src/venues/standalone/index.js';
import { eventually } from './helpers.js';

/** Output captured as text, and the signal handler the command registered. */
function fakeIO() {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  let signal: ((signal: NodeJS.Signals) => void) | undefined;
  const io: VenueMainIO = { stdout, stderr, onSignal: (handler) => (signal = handler) };
  return {
    io,
    out: () => out,
    err: () => err,
    signal: (name: NodeJS.Signals) => signal?.(name),
    hasSignalHandler: () => signal !== undefined,
  };
}

describe('exo venue command line', () => {
  it('reads every option, with defaults', () => {
    expect(parseVenueArgs([])).toEqual({
      port: 9100,
      host: '127.0.0.1',
      seed: 1,
      tickRate: 20,
      latencyMs: 2,
    });
    expect(
      parseVenueArgs([
        '--port',
        '0',
        '--host',
        '::1',
        '--seed',
        '7',
        '--tick-rate',
        '500',
        '--latency',
        '0',
      ]),
    ).toEqual({ port: 0, host: '::1', seed: 7, tickRate: 500, latencyMs: 0 });
  });

  it('reads --symbols as the simulated specs exo derives from the same names', () => {
    const options = parseVenueArgs(['--symbols', 'DOGE-USD, BTC-USD']);
    expect(options).toMatchObject({
      symbols: [simulatedSymbolNamed('DOGE-USD'), simulatedSymbolNamed('BTC-USD')],
    });
  });

  it.each([
    [['--port', 'abc'], '--port must be a valid number here, got "abc"'],
    [['--port', '70000'], '--port must be'],
    [['--tick-rate', '0'], '--tick-rate must be'],
    [['--latency=-1'], '--latency must be'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], 'extra'],
    [['--symbols', 'DOGE-USD,doge'], '--symbols: the simulated market cannot list "doge"'],
    [['--symbols', ','], '--symbols: expected a list such as DOGE-USD,XRP-USD'],
    [['--protocol', 'nope'], '--protocol must be exo, binance or fix, got "nope"'],
    [['--protocol', 'fix', '--fsync', 'maybe'], '--fsync must be on or off, got "maybe"'],
    [['--protocol', 'fix', '--target-comp-id', 'A|B'], '--target-comp-id must be letters'],
    [['--protocol', 'fix', '--target-comp-id', 'EXO,EXO'], 'names a CompID twice'],
    [['--protocol', 'fix', '--sender-comp-id', ''], '--sender-comp-id must be letters'],
    [['--protocol', 'fix', '--heartbeat', '0'], '--heartbeat must be'],
    [['--protocol', 'fix', '--logon-timeout', '1.5'], '--logon-timeout must be'],
    [['--protocol', 'binance', '--ban-ms', '0'], '--ban-ms must be'],
  ])('refuses %j with exit status 2 and says why', async (argv, message) => {
    const fake = fakeIO();
    expect(await runVenueMain(argv, fake.io)).toBe(2);
    expect(fake.err()).toContain(message);
    expect(fake.err()).toContain('Usage: exo venue');
  });

  it('prints help', async () => {
    const fake = fakeIO();
    expect(await runVenueMain(['--help'], fake.io)).toBe(0);
    expect(fake.out()).toContain('--tick-rate N');
    const binance = fakeIO();
    expect(await runVenueMain(['--protocol=binance', '--help'], binance.io)).toBe(0);
    expect(binance.out()).toContain('--key-file FILE');
    expect(binance.out()).toContain('BTC-USD as BTCUSDT');
    const fix = fakeIO();
    expect(await runVenueMain(['--protocol', 'fix', '--help'], fix.io)).toBe(0);
    for (const flag of [
      '--sender-comp-id',
      '--target-comp-id',
      '--store',
      '--fsync',
      '--heartbeat',
    ])
      expect(fix.out()).toContain(flag);
  });

  it('serves until a signal, then closes and exits 0', async () => {
    const fake = fakeIO();
    const exit = runVenueMain(['--port', '0', '--tick-rate', '100', '--latency', '1'], fake.io);
    await eventually(() => fake.hasSignalHandler() && fake.out().includes('listening on'));
    const url = /listening on (ws:\/\/\S+)/.exec(fake.out())![1]!;
    const venue = new RemoteVenue({ url });
    expect(await venue.openOrders()).toEqual([]);
    await venue.close();
    fake.signal('SIGTERM');
    expect(await exit).toBe(0);
    expect(fake.out()).toContain('SIGTERM, closing');
  });
});
