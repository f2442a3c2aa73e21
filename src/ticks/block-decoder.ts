import {
  DECIMAL_FIELDS,
  KIND_GAP,
  KIND_QUOTE,
  KIND_SYMBOL,
  KIND_TRADE,
  KIND_TRADE_BUY,
  KIND_TRADE_SELL,
  NUMERIC_ID,
  type SymbolState,
  symbolState,
} from './block-layout.js';
import type { TickChecks } from './tick-checks.js';
import type { TickEvent } from './tick-event.js';

/** Values each kind takes in the array, its kind included (a gap: at least). */
const QUOTE_VALUES = 8;
const TRADE_VALUES = 7;
const SYMBOL_VALUES = 5;
const GAP_VALUES = 5;

/**
 * Turns one block's flat array (block-layout.ts) back into events, checking each as it goes (the
 * checks carry the event index and the time order across blocks). A block whose array does not
 * hold exactly `count` well-formed events is refused with a TickFileError naming the event. This
 * is replay's read path, so it is one loop over the array with the checks inline.
 */
export function decodeBlock(
  values: readonly unknown[],
  count: number,
  checks: TickChecks,
): TickEvent[] {
  const v = values;
  const n = v.length;
  const symbols: SymbolState[] = [];
  const events: TickEvent[] = new Array(count);
  let at = 0;
  let recvUs = 0;
  for (let i = 0; i < count; i++, checks.index++) {
    const kind = v[at];
    const size =
      kind === KIND_QUOTE
        ? QUOTE_VALUES
        : kind === KIND_SYMBOL
          ? SYMBOL_VALUES
          : kind === KIND_GAP
            ? GAP_VALUES
            : kind === KIND_TRADE || kind === KIND_TRADE_BUY || kind === KIND_TRADE_SELL
              ? TRADE_VALUES
              : checks.fail('kind', `unknown kind ${JSON.stringify(kind)}`);
    if (at + size > n) checks.fail('kind', 'the block ends inside the event');
    if (kind === KIND_GAP) {
      recvUs = receive(checks, i, recvUs, v[at + 1]);
      const many = v[at + 2];
      if (!Number.isSafeInteger(many) || (many as number) < 0 || at + 5 + (many as number) > n) {
        checks.fail('symbols', `bad count ${String(many)}`);
      }
      const names: string[] = [];
      for (let s = 0; s < (many as number); s++)
        names.push(symbol(checks, symbols, v[at + 3 + s]).name);
      at += 3 + (many as number);
      const fromUs = checks.micros('fromUs', v[at]);
      const toUs = checks.micros('toUs', v[at + 1]);
      events[i] = { kind: 'gap', recvUs, symbols: names, fromUs, toUs };
      at += 2;
      continue;
    }
    const state = symbol(checks, symbols, v[at + 1]);
    recvUs = receive(checks, i, recvUs, v[at + 2]);
    if (kind === KIND_QUOTE) {
      events[i] = {
        kind: 'quote',
        symbol: state.name,
        venueUs: venue(checks, recvUs, v[at + 3]),
        recvUs,
        bidPx: decimal(checks, state, 0, v[at + 4]),
        bidQty: decimal(checks, state, 1, v[at + 5]),
        askPx: decimal(checks, state, 2, v[at + 6]),
        askQty: decimal(checks, state, 3, v[at + 7]),
      };
    } else if (size === TRADE_VALUES) {
      const venueUs = venue(checks, recvUs, v[at + 3]);
      const px = decimal(checks, state, 4, v[at + 4]);
      const qty = decimal(checks, state, 5, v[at + 5]);
      const tradeId = tradeIdOf(checks, state, v[at + 6]);
      const symbol = state.name;
      events[i] =
        kind === KIND_TRADE
          ? tradeId === undefined
            ? { kind: 'trade', symbol, venueUs, recvUs, px, qty }
            : { kind: 'trade', symbol, venueUs, recvUs, px, qty, tradeId }
          : tradeId === undefined
            ? { kind: 'trade', symbol, venueUs, recvUs, px, qty, side: sideOf(kind) }
            : { kind: 'trade', symbol, venueUs, recvUs, px, qty, side: sideOf(kind), tradeId };
    } else {
      const tickSize = grid(checks, 'tickSize', v[at + 3]);
      const lotSize = grid(checks, 'lotSize', v[at + 4]);
      events[i] = {
        kind: 'symbol',
        symbol: state.name,
        recvUs,
        ...(tickSize === undefined ? {} : { tickSize }),
        ...(lotSize === undefined ? {} : { lotSize }),
      };
    }
    at += size;
  }
  if (at !== n) checks.fail('block', 'more values than its events');
  if (count > 0) checks.time(recvUs);
  return events;
}

function sideOf(kind: unknown): 'buy' | 'sell' {
  return kind === KIND_TRADE_BUY ? 'buy' : 'sell';
}

/** The receive time after `last`: the first of a block is checked against the file's order. */
function receive(checks: TickChecks, i: number, last: number, change: unknown): number {
  if (i === 0) return checks.time(change);
  if (typeof change !== 'number' || !(change >= 0) || !Number.isSafeInteger(change)) {
    return checks.time(last + (change as number));
  }
  return last + change;
}

function symbol(checks: TickChecks, symbols: SymbolState[], ref: unknown): SymbolState {
  if (typeof ref === 'number') {
    const state = symbols[ref];
    if (state === undefined) checks.fail('symbol', `no symbol ${ref} in this block`);
    return state;
  }
  const state = symbolState(checks.symbol('symbol', ref));
  symbols.push(state);
  return state;
}

function venue(checks: TickChecks, recvUs: number, latency: unknown): number {
  if (latency === null) return 0;
  const venueUs = recvUs - (latency as number);
  return venueUs >= 0 && Number.isSafeInteger(venueUs)
    ? venueUs
    : checks.micros('venueUs', venueUs);
}

function decimal(checks: TickChecks, state: SymbolState, slot: number, value: unknown): string {
  if (value === 0) {
    const last = state.decimals[slot];
    if (last === undefined) checks.fail(DECIMAL_FIELDS[slot]!, 'a repeat with nothing before it');
    return last;
  }
  const text = checks.decimal(DECIMAL_FIELDS[slot]!, value);
  state.decimals[slot] = text;
  return text;
}

function tradeIdOf(checks: TickChecks, state: SymbolState, value: unknown): string | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string') {
    state.tradeId = NUMERIC_ID.test(value) ? Number(value) : undefined;
    return value;
  }
  if (state.tradeId === undefined || !Number.isSafeInteger(value)) {
    checks.fail('tradeId', `a change ${String(value)} with nothing to apply it to`);
  }
  state.tradeId += value as number;
  return String(state.tradeId);
}

function grid(checks: TickChecks, field: string, value: unknown): string | undefined {
  return value === null ? undefined : checks.decimal(field, value);
}
