import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binanceVenueLine } from '../../src/cli/binance-options.js';
import { type ExoConfig, parseCommand } from '../../src/cli/config.js';

const KEYS = { EXO_BINANCE_API_KEY: 'key-abc', EXO_BINANCE_SECRET_KEY: 'secret-xyz' };
const BASE = ['--venue', 'binance', '--feed', 'binance', '--no-risk-limits'];
const dir = mkdtempSync(join(tmpdir(), 'exo-binance-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(argv: string[], env: Record<string, string> = KEYS): ExoConfig {
  const command = parseCommand(argv, env);
  if (command.kind !== 'run') throw new Error('expected a run');
  return command.config;
}

describe('exo --venue binance options', () => {
  it('takes a local URL (REST at the same host) with an HMAC key from the environment', () => {
    const { binance } = config([...BASE, '--venue-url', 'ws://127.0.0.1:9200/ws-api/v3']);
    expect(binance).toMatchObject({
      endpoint: 'custom',
      wsUrl: 'ws://127.0.0.1:9200/ws-api/v3',
      restUrl: 'http://127.0.0.1:9200',
      recvWindowMs: 5000,
    });
    expect(binance!.signer.kind).toBe('hmac');
    const line = binanceVenueLine(binance!);
    expect(line).toMatch(/account key [0-9a-f]{12} \(hmac, from EXO_BINANCE_API_KEY/);
    expect(line).not.toContain('key-abc');
    expect(JSON.stringify(binance)).not.toMatch(/key-abc|secret-xyz/);
  });

  it('names the testnet and demo presets, and the live one only with --live', () => {
    expect(config([...BASE, '--venue-url', 'testnet']).binance?.restUrl).toBe(
      'https://testnet.binance.vision',
    );
    expect(config([...BASE, '--venue-url', 'demo']).binance?.endpoint).toBe('demo');
    expect(() => config([...BASE, '--venue-url', 'live'])).toThrow(/add --live to mean it/);
    expect(config([...BASE, '--venue-url', 'live', '--live']).binance?.restUrl).toBe(
      'https://api.binance.com',
    );
  });

  it('refuses what cannot work: no key, no URL, another feed, --venue-url alone, a bad URL', () => {
    expect(() => config([...BASE, '--venue-url', 'testnet'], {})).toThrow(/no Binance key/);
    expect(() => config(BASE)).toThrow(/--venue-url \(EXO_VENUE_URL\): required/);
    expect(() =>
      config(['--venue', 'binance', '--venue-url', 'testnet', '--no-risk-limits']),
    ).toThrow(/use --venue binance with --feed binance/);
    expect(() => config(['--venue-url', 'testnet', '--no-risk-limits'])).toThrow(
      /only --venue binance takes it/,
    );
    expect(() => config([...BASE, '--venue-url', 'http://x'])).toThrow(
      /--venue-url \(EXO_VENUE_URL\): expected a websocket URL/,
    );
  });

  it('reads an Ed25519 key file, and refuses one others can read', () => {
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const pemFile = join(dir, 'ed25519.pem');
    writeFileSync(pemFile, pem, { mode: 0o600 });
    const keyFile = join(dir, 'keys.json');
    writeFileSync(keyFile, JSON.stringify({ apiKey: 'ed-key', privateKeyFile: pemFile }), {
      mode: 0o600,
    });
    const argv = [...BASE, '--venue-url', 'testnet', '--binance-key-file', keyFile];
    expect(config(argv, {}).binance?.signer.kind).toBe('ed25519');
    chmodSync(pemFile, 0o640);
    expect(() => config(argv, {})).toThrow(/ed25519\.pem is readable by others: chmod 600 it/);
  });
});
