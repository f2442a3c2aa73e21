import type { ExecType } from '../../market/exec-type.js';
import type { OrdStatus } from '../../market/ord-status.js';
import type { Side } from '../../market/side.js';
import type { TimeInForce } from '../../market/time-in-force.js';

/** Side (54) as FIX writes it. */
export const FIX_SIDE: Readonly<Record<Side, string>> = { buy: '1', sell: '2' };

/** TimeInForce (59) as FIX writes it: 0 DAY, 1 GTC, 3 IOC, 4 FOK. */
export const FIX_TIF: Readonly<Record<TimeInForce, string>> = {
  day: '0',
  gtc: '1',
  ioc: '3',
  fok: '4',
};

/** OrdType (40): 1 market, 2 limit. */
export const FIX_ORD_TYPE = { market: '1', limit: '2' } as const;

/** The exo side of a FIX Side value, undefined for one exo does not trade. */
export function sideOf(value: string | undefined): Side | undefined {
  return value === '1' ? 'buy' : value === '2' ? 'sell' : undefined;
}

/** The exo time in force of a FIX TimeInForce value (absent means DAY, as FIX says). */
export function timeInForceOf(value: string | undefined): TimeInForce | undefined {
  if (value === undefined) return 'day';
  return (Object.keys(FIX_TIF) as TimeInForce[]).find((tif) => FIX_TIF[tif] === value);
}

/**
 * ExecType (150) to exo's exec type. FIX 4.2's 1/2 (partial fill, fill) are trades as 4.4's F is;
 * D (restated) and I (order status) both say where the order stands without an event.
 */
const EXEC_TYPES: Readonly<Record<string, ExecType>> = {
  '0': 'new',
  '1': 'trade',
  '2': 'trade',
  F: 'trade',
  '4': 'canceled',
  '5': 'replaced',
  '6': 'pending_cancel',
  '8': 'rejected',
  A: 'pending_new',
  C: 'expired',
  D: 'status',
  E: 'pending_replace',
  I: 'status',
};

/** exo's exec type for an ExecType value, undefined for one it does not handle. */
export function execTypeOf(value: string | undefined): ExecType | undefined {
  return value === undefined ? undefined : EXEC_TYPES[value];
}

/**
 * OrdStatus (39) to exo's status. 3 (done for day) ends the order as expired; 5 (replaced), 7
 * (stopped) and 9 (suspended) leave it working, new or partially filled by `filled`.
 */
export function ordStatusOf(value: string | undefined, filled: boolean): OrdStatus | undefined {
  const working: OrdStatus = filled ? 'partially_filled' : 'new';
  switch (value) {
    case '0':
      return 'new';
    case '1':
      return 'partially_filled';
    case '2':
      return 'filled';
    case '3':
    case 'C':
      return 'expired';
    case '4':
      return 'canceled';
    case '5':
    case '7':
    case '9':
    case 'B':
      return working;
    case '6':
      return 'pending_cancel';
    case '8':
      return 'rejected';
    case 'A':
      return 'pending_new';
    case 'E':
      return 'pending_replace';
    default:
      return undefined;
  }
}
