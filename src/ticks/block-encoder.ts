import {
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
import { checkEvent } from './check-event.js';
import type { TickChecks } from './tick-checks.js';
import type { TickEvent } from './tick-event.js';

/**
 * Turns events into one block's flat array (block-layout.ts), checking each first (checkEvent:
 * a bad one is refused before anything of it is written), until `take` hands the block over and starts the next afresh.
 */
export class BlockEncoder {
  #values: unknown[] = [];
  #count = 0;
  #symbols = new Map<string, SymbolState>();
  #indexes = new Map<string, number>();
  #lastRecvUs = 0;

  constructor(private readonly checks: TickChecks) {}

  /** Events in the current block. */
  get count(): number {
    return this.#count;
  }

  /** Adds one event; throws a TickFileError, leaving the block as it was, when it is bad. */
  add(event: TickEvent): void {
    checkEvent(this.checks, event);
    this.#add(event);
    this.#count++;
    this.checks.index++;
  }

  /** The block's array and count; the encoder starts a new block. */
  take(): { readonly values: unknown[]; readonly count: number } {
    const block = { values: this.#values, count: this.#count };
    this.#values = [];
    this.#count = 0;
    this.#symbols.clear();
    this.#indexes.clear();
    this.#lastRecvUs = 0;
    return block;
  }

  #add(event: TickEvent): void {
    const v = this.#values;
    switch (event.kind) {
      case 'quote': {
        v.push(KIND_QUOTE);
        const state = this.#symbol(event.symbol);
        this.#times(event.recvUs, event.venueUs);
        this.#decimal(state, 0, event.bidPx);
        this.#decimal(state, 1, event.bidQty);
        this.#decimal(state, 2, event.askPx);
        this.#decimal(state, 3, event.askQty);
        return;
      }
      case 'trade': {
        const side = event.side;
        v.push(side === 'buy' ? KIND_TRADE_BUY : side === 'sell' ? KIND_TRADE_SELL : KIND_TRADE);
        const state = this.#symbol(event.symbol);
        this.#times(event.recvUs, event.venueUs);
        this.#decimal(state, 4, event.px);
        this.#decimal(state, 5, event.qty);
        this.#tradeId(state, event.tradeId);
        return;
      }
      case 'symbol':
        v.push(KIND_SYMBOL);
        this.#symbol(event.symbol);
        this.#recv(event.recvUs);
        v.push(event.tickSize ?? null, event.lotSize ?? null);
        return;
      case 'gap': {
        v.push(KIND_GAP);
        this.#recv(event.recvUs);
        v.push(event.symbols.length);
        for (const symbol of event.symbols) this.#symbol(symbol);
        v.push(event.fromUs, event.toUs);
        return;
      }
    }
  }

  #symbol(name: string): SymbolState {
    const index = this.#indexes.get(name);
    if (index !== undefined) {
      this.#values.push(index);
      return this.#symbols.get(name)!;
    }
    this.#values.push(name);
    const state = symbolState(name);
    this.#indexes.set(name, this.#indexes.size);
    this.#symbols.set(name, state);
    return state;
  }

  #recv(recvUs: number): void {
    this.#values.push(recvUs - this.#lastRecvUs);
    this.#lastRecvUs = recvUs;
  }

  #times(recvUs: number, venueUs: number): void {
    this.#recv(recvUs);
    this.#values.push(venueUs === 0 ? null : recvUs - venueUs);
  }

  #decimal(state: SymbolState, slot: number, text: string): void {
    if (state.decimals[slot] === text) this.#values.push(0);
    else {
      this.#values.push(text);
      state.decimals[slot] = text;
    }
  }

  #tradeId(state: SymbolState, id: string | undefined): void {
    if (id === undefined) {
      this.#values.push(null);
      return;
    }
    const numeric = NUMERIC_ID.test(id) ? Number(id) : undefined;
    this.#values.push(
      numeric !== undefined && state.tradeId !== undefined ? numeric - state.tradeId : id,
    );
    state.tradeId = numeric;
  }
}
