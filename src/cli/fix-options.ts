import { readFileSync } from 'node:fs';
import type { FsyncPolicy } from '../fix/store.js';
import { FIX_OPTIONS, type FixOptionName } from './fix-option-names.js';
import { integer, nonEmpty, oneOf, websocketUrl } from './option-values.js';
import { optionError } from './options.js';

/** What `exo --venue fix://HOST:PORT` connects with: the address and the session's settings. */
export interface FixVenueConfig {
  readonly host: string;
  readonly port: number;
  readonly senderCompId: string;
  readonly targetCompId: string;
  /** The directory of the session store and the adapter's order log. */
  readonly storeDir: string;
  readonly heartBtIntSeconds: number;
  /** ResetSeqNumFlag=Y on every Logon: sequences restart at 1. */
  readonly resetOnLogon: boolean;
  readonly fsync: FsyncPolicy;
  readonly clOrdIdMaxLength: number;
}

/**
 * `--fix-fsync`: on fsyncs every append before anything acts on it (a received chunk's appends with
 * one fsync per file, before its reports reach exo or its replies go out), batch once per chunk
 * received, off never.
 */
const FSYNC = { on: 'always', batch: 'batch', off: 'never' } as const satisfies Record<
  string,
  FsyncPolicy
>;

/** The keys a `--fix-session` file may hold, each the value of the flag of the same name. */
const FILE_KEYS: Readonly<Record<string, FixOptionName>> = {
  senderCompId: 'fix-sender-comp-id',
  targetCompId: 'fix-target-comp-id',
  store: 'fix-store',
  heartbeat: 'fix-heartbeat',
  reset: 'fix-reset',
  fsync: 'fix-fsync',
  clOrdIdLength: 'fix-clordid-length',
};

/**
 * What `--venue` (and the FIX flags) put in the config: nothing without it; a standalone venue's
 * ws:// URL; or for fix://HOST:PORT the URL and its FIX session. FIX flags without a FIX venue,
 * and cancel-on-disconnect with one, are refused naming the flag.
 */
export function venueOption(
  venue: string | undefined,
  read: (name: FixOptionName | 'cancel-on-disconnect') => string | undefined,
): { readonly venueUrl?: string; readonly fix?: FixVenueConfig } {
  if (venue === undefined || !venue.toLowerCase().startsWith('fix://')) {
    refuseFixWithout(read);
    return venue === undefined ? {} : { venueUrl: websocketUrl('venue', venue) };
  }
  if (read('cancel-on-disconnect')?.toLowerCase() === 'on') {
    optionError('cancel-on-disconnect', 'a FIX venue does not offer it: leave it off');
  }
  return { venueUrl: venue, fix: fixVenueConfig(venue, read) };
}

/**
 * Reads the FIX session of `--venue fix://HOST:PORT`: each setting from its flag, else its
 * `EXO_FIX_*` variable, else the `--fix-session` JSON file, else its default (heartbeat 30 s,
 * reset off, fsync on, ClOrdIDs of 20). Sender and target CompIDs are required. A missing or
 * invalid value throws the ConfigError naming its flag.
 */
export function fixVenueConfig(
  url: string,
  read: (name: FixOptionName) => string | undefined,
): FixVenueConfig {
  const match = /^fix:\/\/([^:/\s]+):(\d+)\/?$/i.exec(url.trim());
  if (match === null) optionError('venue', `expected fix://HOST:PORT, got ${JSON.stringify(url)}`);
  const file = read('fix-session');
  const fromFile = file === undefined ? {} : sessionFile(file);
  const value = (name: FixOptionName): string | undefined => read(name) ?? fromFile[name];
  const required = (name: FixOptionName): string => {
    const text = value(name);
    if (text === undefined) {
      return optionError(name, `required with --venue fix:// (or in --fix-session)`);
    }
    return nonEmpty(name, text);
  };
  const compId = (name: FixOptionName): string => {
    const text = required(name);
    if (!/^[\x21-\x7e]{1,64}$/.test(text))
      optionError(name, `expected printable ASCII without spaces, got ${JSON.stringify(text)}`);
    return text;
  };
  return {
    host: match[1]!,
    port: integer('venue', match[2]!, 1, 65_535),
    senderCompId: compId('fix-sender-comp-id'),
    targetCompId: compId('fix-target-comp-id'),
    storeDir: nonEmpty('fix-store', value('fix-store') ?? '.exo/fix'),
    heartBtIntSeconds: integer('fix-heartbeat', value('fix-heartbeat') ?? '30', 1, 3600),
    resetOnLogon: oneOf('fix-reset', value('fix-reset') ?? 'off', ['on', 'off']) === 'on',
    fsync: FSYNC[oneOf('fix-fsync', value('fix-fsync') ?? 'on', ['on', 'batch', 'off'])],
    clOrdIdMaxLength: integer('fix-clordid-length', value('fix-clordid-length') ?? '20', 8, 64),
  };
}

/** Refuses FIX session flags given without a FIX `--venue`, naming the first. */
function refuseFixWithout(read: (name: FixOptionName) => string | undefined): void {
  for (const name of Object.keys(FIX_OPTIONS) as FixOptionName[]) {
    if (read(name) !== undefined)
      optionError(name, 'only for a FIX venue: use it with --venue fix://HOST:PORT');
  }
}

/** A `--fix-session` file's settings by flag name; a file that cannot be used names the problem. */
function sessionFile(path: string): Partial<Record<FixOptionName, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return optionError('fix-session', `cannot read ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return optionError('fix-session', `${path} must hold a JSON object`);
  }
  const out: Partial<Record<FixOptionName, string>> = {};
  for (const [key, raw] of Object.entries(parsed)) {
    const name = FILE_KEYS[key];
    if (name === undefined) {
      optionError(
        'fix-session',
        `${path}: unknown key ${JSON.stringify(key)} (known: ${Object.keys(FILE_KEYS).join(', ')})`,
      );
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      optionError('fix-session', `${path}: ${key} must be a string or a number`);
    }
    out[name] = typeof raw === 'boolean' ? (raw ? 'on' : 'off') : String(raw);
  }
  return out;
}
