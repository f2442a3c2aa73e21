import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TICK_RATE, parseCommand } from '../../src/cli/config.js';
import { MIN_TOKEN_LENGTH } from '../../src/cli/option-values.js';
import { ConfigError } from '../../src/cli/options.js';
import { readLimitsFile } from '../../src/risk/limits-file.js';

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
      allowedHosts: [],
      journal: '.exo/journal.db',
      journalSync: 'full',
      journalRetentionMs: 7 * 86_400_000,
      inflightTimeoutMs: 5_000,
      snapshotEveryRows: 100_000,
      orphanSweepMs: 30_000,
      noRiskLimits: false,
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
      EXO_TOKEN: 'from-env-0123456789',
      EXO_ALLOWED_HOSTS: 'exo.example.com, Desk.Local',
      EXO_LIMITS: 'limits.default.json',
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
      token: 'from-env-0123456789',
      tokenFrom: 'EXO_TOKEN',
      allowedHosts: ['exo.example.com', 'desk.local'],
      journal: '.exo/journal.db',
      journalSync: 'full',
      journalRetentionMs: 7 * 86_400_000,
      inflightTimeoutMs: 5_000,
      snapshotEveryRows: 100_000,
      orphanSweepMs: 30_000,
      limits: { file: 'limits.default.json', limits: readLimitsFile('limits.default.json') },
      noRiskLimits: false,
    });
    const flags = run(
      [
        '--port',
        '0',
        '--symbols',
        'BTC-USD, SOL-USD,BTC-USD',
        '--token',
        'flag-0123456789ab',
        '--tick-rate',
        '2.5',
      ],
      env,
    );
    expect(flags).toMatchObject({
      port: 0,
      symbols: ['BTC-USD', 'SOL-USD'],
      token: 'flag-0123456789ab',
      tokenFrom: '--token',
      tickRate: 2.5,
    });
  });

  it('reads the journal, its sync level, retention, in-flight timeout and venue', () => {
    const env = { EXO_JOURNAL: '/var/exo/j.db', EXO_JOURNAL_SYNC: 'NORMAL', EXO_VENUE: 'ws://h:1' };
    expect(run(['--no-risk-limits'], env)).toMatchObject({
      journal: '/var/exo/j.db',
      journalSync: 'normal',
      venueUrl: 'ws://h:1',
    });
    const flags = run(
      [
        ...['--journal', ':memory:', '--journal-retention', '12h', '--inflight-timeout', '250ms'],
        '--no-risk-limits',
      ],
      env,
    );
    expect(flags).toMatchObject({
      journal: ':memory:',
      journalRetentionMs: 12 * 3_600_000,
      inflightTimeoutMs: 250,
    });
    expect(run(['--journal-retention', '1.5d']).journalRetentionMs).toBe(1.5 * 86_400_000);
    expect(run(['--no-risk-limits'], env).cancelOnDisconnect).toBeUndefined();
    expect(run(['--no-risk-limits', '--cancel-on-disconnect', 'on'], env).cancelOnDisconnect).toBe(
      true,
    );
    const fromEnv = { ...env, EXO_CANCEL_ON_DISCONNECT: 'ON' };
    expect(run(['--no-risk-limits'], fromEnv).cancelOnDisconnect).toBe(true);
    expect(run(['--inflight-timeout', '2m']).inflightTimeoutMs).toBe(120_000);
    expect(run(['--orphan-sweep', '5s']).orphanSweepMs).toBe(5_000);
    expect(run(['--orphan-sweep', 'off']).orphanSweepMs).toBe(0);
    expect(run([], { EXO_ORPHAN_SWEEP: '2m' }).orphanSweepMs).toBe(120_000);
    expect(run([]).standby).toBeUndefined();
    const postgres = ['--journal', 'postgres://root@127.0.0.1/test?schema=exo'];
    expect(run([...postgres, '--standby']).standby).toBe(true);
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
    [['--feed', 'kraken'], 'sim, coinbase, binance'],
    [['--feed', 'BitMEX'], 'BitMEX ceased operating on 2026-09-23'],
    [['--log-level', 'loud'], '--log-level'],
    [['--symbols', ' , '], '--symbols'],
    [['--colour', 'red'], 'colour'],
    [['stray'], 'stray'],
    [['--journal-sync', 'sometimes'], '--journal-sync (EXO_JOURNAL_SYNC)'],
    [['--journal-retention', '7'], '--journal-retention'],
    [['--journal-retention', '0d'], '--journal-retention'],
    [['--inflight-timeout', 'soon'], '--inflight-timeout (EXO_INFLIGHT_TIMEOUT)'],
    [['--orphan-sweep', 'never'], '--orphan-sweep (EXO_ORPHAN_SWEEP): expected off or a duration'],
    [['--orphan-sweep', '0s'], '--orphan-sweep (EXO_ORPHAN_SWEEP)'],
    [['--venue', 'http://127.0.0.1:9100'], '--venue (EXO_VENUE)'],
    [
      ['--cancel-on-disconnect', 'yes'],
      '--cancel-on-disconnect (EXO_CANCEL_ON_DISCONNECT): expected one of on, off, got "yes"',
    ],
    [
      ['--cancel-on-disconnect', 'on'],
      '--cancel-on-disconnect (EXO_CANCEL_ON_DISCONNECT): only a standalone venue offers it: use it with --venue',
    ],
    [['--venue', 'ws://127.0.0.1:9100', '--feed', 'coinbase', '--no-risk-limits'], '--feed sim'],
    [
      ['--feed', 'coinbase'],
      '--limits (EXO_LIMITS): required against a live feed or a standalone venue: give a limits file (see limits.default.json) or --no-risk-limits',
    ],
    [['--venue', 'ws://127.0.0.1:9100'], '--limits (EXO_LIMITS): required against a live feed'],
    [['--no-risk-limits', '--limits', 'limits.default.json'], 'contradict each other'],
    [['--no-risk-limits=yes'], '--no-risk-limits takes no value'],
    [['--standby=yes', '--journal', 'postgres://h/db'], '--standby takes no value'],
    [['--standby'], "--standby waits for a PostgreSQL journal's lease: use it with --journal"],
    [
      ['--limits', 'no-such-limits.json'],
      '--limits (EXO_LIMITS): no-such-limits.json: cannot read it',
    ],
    [['--journal', ' '], '--journal'],
    [['--port', '-1'], '--port (EXO_PORT): expected a whole number from 0 to 65535, got "-1"'],
    [['--port=-1'], '--port (EXO_PORT): expected a whole number from 0 to 65535, got "-1"'],
    [['--port'], '--port (EXO_PORT): expected a value'],
    [['--journal', '--port', '1'], '--journal (EXO_JOURNAL): expected a value, not another flag'],
    [['--tick-rate', '1e9'], `--tick-rate (EXO_TICK_RATE): expected at most ${MAX_TICK_RATE}`],
    [['--tick-rate', '-5'], '--tick-rate (EXO_TICK_RATE): expected a positive number'],
    [
      ['--symbols', 'BTC-USD,foo-bar'],
      '--symbols (EXO_SYMBOLS): the simulated market cannot list "foo-bar": expected BASE-QUOTE',
    ],
    [
      ['--feed', 'coinbase', '--feed-url', 'notaurl'],
      '--feed-url (EXO_FEED_URL): expected a websocket URL',
    ],
    [
      ['--feed-url', 'ws://127.0.0.1:1'],
      '--feed-url (EXO_FEED_URL): the simulated market has no URL',
    ],
    [['--host', '0.0.0.0'], '--host (EXO_HOST): refusing to listen on 0.0.0.0 without a token'],
    [['--colour', 'red'], 'unknown option --colour'],
    [['-x'], 'unknown option -x'],
    [['--allowed-hosts', 'http://exo.example.com'], '--allowed-hosts (EXO_ALLOWED_HOSTS)'],
    [['--allowed-hosts', 'exo.example.com:8080'], '--allowed-hosts (EXO_ALLOWED_HOSTS)'],
  ])('refuses %j naming %s, in one line', (argv, words) => {
    expect(() => parseCommand(argv, {})).toThrow(ConfigError);
    expect(() => parseCommand(argv, {})).toThrow(words);
    expect(() => parseCommand(argv, {})).not.toThrow('\n');
  });

  it('reads a number in exponent notation, up to the tick rate bound', () => {
    expect(run(['--tick-rate', '1e3']).tickRate).toBe(1000);
    expect(run(['--tick-rate', String(MAX_TICK_RATE)]).tickRate).toBe(MAX_TICK_RATE);
    expect(run(['--latency', '2.5e1']).latencyMs).toBe(25);
  });

  it('lets the simulated feed list any BASE-QUOTE symbol', () => {
    expect(run(['--symbols', 'DOGE-USD,XRP-USD']).symbols).toEqual(['DOGE-USD', 'XRP-USD']);
  });

  it('lets a live feed trade symbols outside the simulated defaults', () => {
    const argv = ['--feed', 'binance', '--symbols', 'DOGE-USD', '--no-risk-limits'];
    expect(run(argv).symbols).toEqual(['DOGE-USD']);
  });

  it('listens beyond loopback once a token is set', () => {
    const token = 'x'.repeat(MIN_TOKEN_LENGTH);
    expect(run(['--host', '0.0.0.0', '--token', token])).toMatchObject({ host: '0.0.0.0', token });
  });

  it.each([
    ['a', 'a'],
    ['a space', ' '],
    ['sixteen spaces', ' '.repeat(MIN_TOKEN_LENGTH)],
    ['one character short', 'k'.repeat(MIN_TOKEN_LENGTH - 1)],
    ['a token with a space inside', 'abcdefgh ijklmnopq'],
  ])('refuses %s as a token, from the flag or the variable, without repeating it', (_, token) => {
    for (const [argv, env] of [
      [[`--token=${token}`], {}],
      [[], { EXO_TOKEN: token }],
    ] as const) {
      let message = '';
      try {
        parseCommand(argv, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toContain('--token (EXO_TOKEN): expected at least');
      expect(message).not.toContain(JSON.stringify(token));
    }
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
