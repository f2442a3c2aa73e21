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
import { formatDecimal, slotOf } from './decimal-slot.js';
import type { TickChecks } from './tick-checks.js';
import type { QuoteTick, TickEvent, TradeTick } from './tick-event.js';

/**
 * Turns one block's flat array (block-layout.ts) back into events, checking each as it goes (the
 * checks carry the event index and the time order across blocks). A block whose array does not
 * hold exactly `count` well-formed events is refused with a TickFileError naming the event.
 */
export function decodeBlock(
  values: readonly unknown[],
  count: number,
  checks: TickChecks,
): TickEvent[] {
  return new BlockDecoder(values, checks).decode(count);
}

class BlockDecoder {
  #at = 0;
  #lastRecvUs = 0;
  readonly #symbols: SymbolState[] = [];

  constructor(
    private readonly values: readonly unknown[],
    private readonly checks: TickChecks,
  ) {}

  decode(count: number): TickEvent[] {
    const events: TickEvent[] = new Array(count);
    for (let i = 0; i < count; i++) {
      events[i] = this.#event();
      this.checks.index++;
    }
    if (this.#at !== this.values.length) this.checks.fail('block', 'more values than its events');
    return events;
  }

  #next(field: string): unknown {
    if (this.#at >= this.values.length) this.checks.fail(field, 'the block ends inside the event');
    return this.values[this.#at++];
  }

  #event(): TickEvent {
    const kind = this.#next('kind');
    if (kind === KIND_QUOTE) {
      const state = this.#symbol();
      const recvUs = this.#recv();
      const venueUs = this.#venue(recvUs);
      const quote: QuoteTick = {
        kind: 'quote',
        symbol: state.name,
        venueUs,
        recvUs,
        bidPx: this.#decimal(state, 0),
        bidQty: this.#decimal(state, 1),
        askPx: this.#decimal(state, 2),
        askQty: this.#decimal(state, 3),
      };
      return quote;
    }
    if (kind === KIND_TRADE || kind === KIND_TRADE_BUY || kind === KIND_TRADE_SELL) {
      const state = this.#symbol();
      const recvUs = this.#recv();
      const venueUs = this.#venue(recvUs);
      const px = this.#decimal(state, 4);
      const qty = this.#decimal(state, 5);
      const tradeId = this.#tradeId(state);
      const trade: TradeTick = { kind: 'trade', symbol: state.name, venueUs, recvUs, px, qty };
      const side = kind === KIND_TRADE_BUY ? 'buy' : kind === KIND_TRADE_SELL ? 'sell' : undefined;
      if (side === undefined && tradeId === undefined) return trade;
      return {
        ...trade,
        ...(side === undefined ? {} : { side }),
        ...(tradeId === undefined ? {} : { tradeId }),
      };
    }
    if (kind === KIND_SYMBOL) {
      const symbol = this.#symbol().name;
      const recvUs = this.#recv();
      const tickSize = this.#grid('tickSize');
      const lotSize = this.#grid('lotSize');
      return {
        kind: 'symbol',
        symbol,
        recvUs,
        ...(tickSize === undefined ? {} : { tickSize }),
        ...(lotSize === undefined ? {} : { lotSize }),
      };
    }
    if (kind === KIND_GAP) {
      const recvUs = this.#recv();
      const n = this.#next('symbols');
      if (!Number.isSafeInteger(n) || (n as number) < 0) this.checks.fail('symbols', 'bad count');
      const symbols: string[] = [];
      for (let i = 0; i < (n as number); i++) symbols.push(this.#symbol().name);
      const fromUs = this.checks.micros('fromUs', this.#next('fromUs'));
      const toUs = this.checks.micros('toUs', this.#next('toUs'));
      return { kind: 'gap', recvUs, symbols, fromUs, toUs };
    }
    return this.checks.fail('kind', `unknown kind ${JSON.stringify(kind)}`);
  }

  #symbol(): SymbolState {
    const ref = this.#next('symbol');
    if (typeof ref === 'number') {
      const state = this.#symbols[ref];
      if (state === undefined) this.checks.fail('symbol', `no symbol ${ref} in this block`);
      return state;
    }
    const state = symbolState(this.checks.symbol('symbol', ref));
    this.#symbols.push(state);
    return state;
  }

  #recv(): number {
    const change = this.#next('recvUs');
    const recvUs = this.checks.time(this.#lastRecvUs + (change as number));
    this.#lastRecvUs = recvUs;
    return recvUs;
  }

  #venue(recvUs: number): number {
    const latency = this.#next('venueUs');
    if (latency === null) return 0;
    return this.checks.micros('venueUs', recvUs - (latency as number));
  }

  #decimal(state: SymbolState, slot: number): string {
    const value = this.#next(DECIMAL_FIELDS[slot]!);
    if (typeof value === 'number') {
      const last = state.decimals[slot];
      if (last === undefined || !Number.isSafeInteger(value)) {
        this.checks.fail(DECIMAL_FIELDS[slot]!, `a change ${value} with nothing to apply it to`);
      }
      if (value !== 0) {
        last.mantissa += value;
        last.text = formatDecimal(last.mantissa, last.scale);
      }
      return last.text;
    }
    const text = this.checks.decimal(DECIMAL_FIELDS[slot]!, value);
    state.decimals[slot] = slotOf(text);
    return text;
  }

  #tradeId(state: SymbolState): string | undefined {
    const value = this.#next('tradeId');
    if (value === null) return undefined;
    if (typeof value === 'string') {
      state.tradeId = NUMERIC_ID.test(value) ? Number(value) : undefined;
      return value;
    }
    if (state.tradeId === undefined || !Number.isSafeInteger(value)) {
      this.checks.fail('tradeId', `a change ${String(value)} with nothing to apply it to`);
    }
    state.tradeId += value as number;
    return String(state.tradeId);
  }

  #grid(field: string): string | undefined {
    const value = this.#next(field);
    return value === null ? undefined : this.checks.decimal(field, value);
  }
}
