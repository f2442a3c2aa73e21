import {
  MARKET_FLAGS,
  numberOption,
  readMarketOptions,
  readVenueFlags,
  type VenueProtocol,
  VenueUsageError,
} from '../standalone/venue-command.js';
import { type FixVenueOptions, startFixVenue } from './fix-venue-server.js';

/** The FIX venue's own options, printed after the common ones. */
const FIX_USAGE = `The FIX venue (--protocol fix) is a FIX 4.4 acceptor (D, G, F, H, AF, V; see README):
  --sender-comp-id ID    our CompID (default PAPER)
  --target-comp-id IDS   counterparty CompIDs, comma-separated: one session each (default EXO)
  --store DIR            session stores and order journal (default ./exo-fix-venue)
  --fsync on|off         fsync every store and journal append before it goes out (default on)
  --heartbeat S          HeartBtInt until the counterparty's Logon names its own (default 30)
  --logon-timeout S      close a connection with no Logon within this long (default 10)
`;

const FIX_FLAGS = [
  ...MARKET_FLAGS,
  'sender-comp-id',
  'target-comp-id',
  'store',
  'fsync',
  'heartbeat',
  'logon-timeout',
] as const;

const COMP_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function compId(text: string, flag: string): string {
  if (!COMP_ID.test(text))
    throw new VenueUsageError(
      `${flag} must be letters, digits, _ . or -, got ${JSON.stringify(text)}`,
    );
  return text;
}

/** The FIX venue's options from its command line; throws VenueUsageError naming a bad one. */
export function parseFixArgs(argv: readonly string[]): FixVenueOptions | 'help' {
  const flags = readVenueFlags(argv, FIX_FLAGS);
  if (flags.help) return 'help';
  const { values } = flags;
  const fsync = values.fsync ?? 'on';
  if (fsync !== 'on' && fsync !== 'off')
    throw new VenueUsageError(`--fsync must be on or off, got ${JSON.stringify(fsync)}`);
  const targets = (values['target-comp-id'] ?? 'EXO')
    .split(',')
    .map((t) => compId(t.trim(), '--target-comp-id'));
  if (new Set(targets).size !== targets.length)
    throw new VenueUsageError('--target-comp-id names a CompID twice');
  const positive = (n: number): boolean => Number.isSafeInteger(n) && n >= 1;
  return {
    ...readMarketOptions(values, 9878),
    senderCompId: compId(values['sender-comp-id'] ?? 'PAPER', '--sender-comp-id'),
    targetCompIds: targets,
    storeDir: values.store ?? 'exo-fix-venue',
    fsync: fsync === 'on',
    heartBtIntSeconds: numberOption(values.heartbeat, '--heartbeat', 30, positive),
    logonTimeoutMs: numberOption(values['logon-timeout'], '--logon-timeout', 10, positive) * 1000,
  };
}

/** `exo venue --protocol fix`. */
export const fixProtocol: VenueProtocol = {
  usage: FIX_USAGE,
  prepare(argv) {
    const options = parseFixArgs(argv);
    if (options === 'help') return 'help';
    return async () => {
      const venue = await startFixVenue({
        ...options,
        onSession: (target, state, reason) =>
          process.stderr.write(
            `${new Date().toISOString()} exo venue: session ${target} ${state}${reason === undefined ? '' : `: ${reason}`}\n`,
          ),
      });
      return {
        banner: `exo venue (FIX 4.4 acceptor ${options.senderCompId} for ${options.targetCompIds.join(',')}) listening on ${options.host}:${venue.port}`,
        close: () => venue.close(),
      };
    };
  },
};
