import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { BinanceSigner } from '../venues/binance/index.js';
import { integer, websocketUrl } from './option-values.js';
import { ConfigError, optionError } from './options.js';

/** Binance's named endpoints: the WebSocket API and the REST API of each. */
export const BINANCE_PRESETS = {
  testnet: {
    wsUrl: 'wss://ws-api.testnet.binance.vision/ws-api/v3',
    restUrl: 'https://testnet.binance.vision',
  },
  demo: {
    wsUrl: 'wss://demo-ws-api.binance.com/ws-api/v3',
    restUrl: 'https://demo-api.binance.com',
  },
  live: { wsUrl: 'wss://ws-api.binance.com:443/ws-api/v3', restUrl: 'https://api.binance.com' },
} as const;

/** `exo --venue binance`'s settings: where, as whom, and how patient the signatures are. */
export interface BinanceConfig {
  /** The preset's name, or `custom` for a `--venue-url` given as a URL. */
  readonly endpoint: keyof typeof BINANCE_PRESETS | 'custom';
  readonly wsUrl: string;
  readonly restUrl: string;
  /** Signs requests; shows only its kind and the API key's fingerprint (never a key). */
  readonly signer: BinanceSigner;
  /** Where the key came from, for the start line: a variable's or a file's name. */
  readonly keyFrom: string;
  readonly recvWindowMs: number;
}

/** What Binance option parsing reads: option values and the environment. */
export interface BinanceOptionSources {
  readonly venueUrl: string | undefined;
  readonly keyFile: string | undefined;
  readonly recvWindow: string;
  readonly live: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads `--venue binance`'s options: `--venue-url` a preset (testnet, demo, live) or a WebSocket
 * API URL such as a local Binance's `ws://127.0.0.1:9200/ws-api/v3` (its REST API at the same
 * host); the live endpoint only with `--live`. The key comes from EXO_BINANCE_API_KEY with
 * EXO_BINANCE_SECRET_KEY (HMAC) or EXO_BINANCE_PRIVATE_KEY_FILE (Ed25519 PEM), or from
 * `--binance-key-file` (JSON `{"apiKey", "secretKey"}` or `{"apiKey", "privateKeyFile"}`); a key
 * file others can read is refused. Never on the command line, where `ps` shows it.
 */
export function binanceConfig(sources: BinanceOptionSources): BinanceConfig {
  const { venueUrl, live } = sources;
  if (venueUrl === undefined) {
    return optionError(
      'venue-url',
      'required with --venue binance: testnet, demo, live or a ws:// URL',
    );
  }
  const preset = Object.hasOwn(BINANCE_PRESETS, venueUrl)
    ? (venueUrl as keyof typeof BINANCE_PRESETS)
    : undefined;
  if (preset === 'live' && !live) {
    optionError('venue-url', 'the live endpoint trades real money: add --live to mean it');
  }
  const urls = preset === undefined ? customUrls(venueUrl) : BINANCE_PRESETS[preset];
  const { signer, keyFrom } = credentials(sources);
  return {
    endpoint: preset ?? 'custom',
    ...urls,
    signer,
    keyFrom,
    recvWindowMs: integer('binance-recv-window', sources.recvWindow, 1, 60_000),
  };
}

/** A WebSocket API URL's own, and its REST API at the same host (a local Binance serves both). */
function customUrls(text: string): { wsUrl: string; restUrl: string } {
  const url = new URL(websocketUrl('venue-url', text));
  return { wsUrl: text, restUrl: `${url.protocol === 'wss:' ? 'https' : 'http'}://${url.host}` };
}

function credentials(sources: BinanceOptionSources): { signer: BinanceSigner; keyFrom: string } {
  const { env, keyFile } = sources;
  if (keyFile !== undefined) return { signer: fromKeyFile(keyFile), keyFrom: keyFile };
  const apiKey = env.EXO_BINANCE_API_KEY;
  const secretKey = env.EXO_BINANCE_SECRET_KEY;
  const privateKeyFile = env.EXO_BINANCE_PRIVATE_KEY_FILE;
  if (apiKey === undefined || apiKey === '') {
    return optionError(
      'binance-key-file',
      'no Binance key: set EXO_BINANCE_API_KEY with EXO_BINANCE_SECRET_KEY or EXO_BINANCE_PRIVATE_KEY_FILE, or give a key file',
    );
  }
  if (secretKey !== undefined && secretKey !== '') {
    return {
      signer: new BinanceSigner({ apiKey, kind: 'hmac', secretKey }),
      keyFrom: 'EXO_BINANCE_API_KEY/EXO_BINANCE_SECRET_KEY',
    };
  }
  if (privateKeyFile !== undefined && privateKeyFile !== '') {
    const privateKey = privateKeyOf(readPrivate(privateKeyFile), privateKeyFile);
    return {
      signer: new BinanceSigner({ apiKey, kind: 'ed25519', privateKey }),
      keyFrom: privateKeyFile,
    };
  }
  return optionError(
    'binance-key-file',
    'EXO_BINANCE_API_KEY needs EXO_BINANCE_SECRET_KEY (HMAC) or EXO_BINANCE_PRIVATE_KEY_FILE (Ed25519)',
  );
}

function fromKeyFile(path: string): BinanceSigner {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readPrivate(path)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    return optionError('binance-key-file', `${path} is not JSON`);
  }
  const { apiKey, secretKey, privateKeyFile } = parsed;
  if (typeof apiKey !== 'string' || apiKey === '') {
    return optionError('binance-key-file', `${path}: apiKey is missing`);
  }
  if (typeof secretKey === 'string') return new BinanceSigner({ apiKey, kind: 'hmac', secretKey });
  if (typeof privateKeyFile === 'string') {
    const privateKey = privateKeyOf(readPrivate(privateKeyFile), privateKeyFile);
    return new BinanceSigner({ apiKey, kind: 'ed25519', privateKey });
  }
  return optionError(
    'binance-key-file',
    `${path}: give secretKey (HMAC) or privateKeyFile (Ed25519)`,
  );
}

/** A secret file's text; refused when its group or others may read it, as ssh refuses a key. */
function readPrivate(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    return optionError(
      'binance-key-file',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  if ((mode & 0o077) !== 0) {
    optionError('binance-key-file', `${path} is readable by others: chmod 600 it`);
  }
  return readFileSync(path, 'utf8');
}

function privateKeyOf(pem: string, path: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // reported below
  }
  return optionError('binance-key-file', `${path} is not an Ed25519 private key (PEM)`);
}

/** The start line naming where exo trades and as whom: the endpoint and the key's fingerprint. */
export function binanceVenueLine(config: BinanceConfig): string {
  const { endpoint, wsUrl, signer, keyFrom } = config;
  return `Binance spot, ${endpoint} endpoint ${wsUrl}, account key ${signer.fingerprint} (${signer.kind}, from ${keyFrom})`;
}
