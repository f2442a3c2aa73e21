import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseCommand } from '../../src/cli/config.js';

function run(argv: string[], env: Record<string, string> = {}) {
  const command = parseCommand(argv, env);
  if (command.kind !== 'run') throw new Error('expected a run command');
  return command.config;
}

describe('the exo command line', () => {
  it('defaults to the embedded service on 127.0.0.1:8080', () => {
    expect(run([])).toEqual({
      host: '127.0.0.1',
      port: 8080,
      feed: 'sim',
      tickRate: 20,
      latencyMs: 2,
      seed: 1,
      logLevel: 'info',
      journal: '.exo/journal.db',
      journalSync: 'full',
      journalRetentionMs: 7 * 86_400_000,
      inflightTimeoutMs: 5_000,
      snapshotEveryRows: 100_000,
    });
  });

  it('reads every option from its flag or environment variable, the flag winning', () => {
    const env = {
      EXO_PORT: '9000',
      EXO_HOST: '0.0.0.0',
      EXO_SYMBOLS: 'ETH-USD',
      EXO_FEED: 'coinbase',
      EXO_FEED_URL: 'ws://127.0.0.1:1/',
      EXO_TICK_RATE: '500',
      EXO_LATENCY: '0',
      EXO_SEED: '42',
      EXO_LOG_LEVEL: 'debug',
      EXO_TOKEN: 'from-env',
    };
    expect(run([], env)).toEqual({
      host: '0.0.0.0',
      port: 9000,
      symbols: ['ETH-USD'],
      feed: 'coinbase',
      feedUrl: 'ws://127.0.0.1:1/',
      tickRate: 500,
      latencyMs: 0,
      seed: 42,
      logLevel: 'debug',
      token: 'from-env',
      journal: '.exo/journal.db',
      journalSync: 'full',
      journalRetentionMs: 7 * 86_400_000,
      inflightTimeoutMs: 5_000,
      snapshotEveryRows: 100_000,
    });
    const flags = run(
      [
        '--port',
        '0',
        '--symbols',
        'BTC-USD, SOL-USD,BTC-USD',
        '--token',
        'flag',
        '--tick-rate',
        '2.5',
      ],
      env,
    );
    expect(flags).toMatchObject({
      port: 0,
      symbols: ['BTC-USD', 'SOL-USD'],
      token: 'flag',
      tickRate: 2.5,
    });
  });

  it('reads the journal, its sync level, retention, in-flight timeout and venue', () => {
    const env = { EXO_JOURNAL: '/var/exo/j.db', EXO_JOURNAL_SYNC: 'NORMAL', EXO_VENUE: 'ws://h:1' };
    expect(run([], env)).toMatchObject({
      journal: '/var/exo/j.db',
      journalSync: 'normal',
      venueUrl: 'ws://h:1',
    });
    const flags = run(
      ['--journal', ':memory:', '--journal-retention', '12h', '--inflight-timeout', '250ms'],
      env,
    );
    expect(flags).toMatchObject({
      journal: ':memory:',
      journalRetentionMs: 12 * 3_600_000,
      inflightTimeoutMs: 250,
    });
    expect(run(['--journal-retention', '1.5d']).journalRetentionMs).toBe(1.5 * 86_400_000);
    expect(run(['--inflight-timeout', '2m']).inflightTimeoutMs).toBe(120_000);
  });

  it('prints help for --help and -h', () => {
    expect(parseCommand(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCommand(['-h', '--port', 'x'], {})).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', '70000'], '--port (EXO_PORT)'],
    [['--port', '-1'], '--port'],
    [['--port', '80a'], '--port'],
    [['--tick-rate', '0'], '--tick-rate'],
    [['--latency', 'fast'], '--latency'],
    [['--feed', 'kraken'], 'sim, coinbase, binance, bitmex'],
    [['--log-level', 'loud'], '--log-level'],
    [['--symbols', ' , '], '--symbols'],
    [['--colour', 'red'], 'colour'],
    [['stray'], 'stray'],
    [['--journal-sync', 'sometimes'], '--journal-sync (EXO_JOURNAL_SYNC)'],
    [['--journal-retention', '7'], '--journal-retention'],
    [['--journal-retention', '0d'], '--journal-retention'],
    [['--inflight-timeout', 'soon'], '--inflight-timeout (EXO_INFLIGHT_TIMEOUT)'],
    [['--venue', 'http://127.0.0.1:9100'], '--venue (EXO_VENUE)'],
    [['--venue', 'ws://127.0.0.1:9100', '--feed', 'coinbase'], '--feed sim'],
    [['--journal', ' '], '--journal'],
  ])('refuses %j naming %s', (argv, words) => {
    expect(() => parseCommand(argv, {})).toThrow(ConfigError);
    expect(() => parseCommand(argv, {})).toThrow(words);
  });

  it('accepts every port from 0 to 65535 and refuses every other whole number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (port) => {
        const valid = port >= 0 && port <= 65_535;
        if (valid) expect(run(['--port', String(port)]).port).toBe(port);
        else expect(() => run(['--port', String(port)])).toThrow(ConfigError);
      }),
    );
  });
});
