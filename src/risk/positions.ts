import type { JsonValue } from '../journal/journal-row.js';
import { compare, type Decimal, decimal, sign, ZERO } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import { ParseError } from '../market/parse-error.js';
import type { Side } from '../market/side.js';

/**
 * Where exo stands in one symbol from its own fills: the net position, what it cost, and the day's
 * figures. The day is the UTC calendar day of the fills' times; a fill on a later day starts the
 * day's figures afresh (the position carries over).
 */
export interface SymbolPosition {
  /** Signed quantity held: positive long, negative short. */
  readonly net: Decimal;
  /** The open position's cost, signed like `net`: net × its average price. */
  readonly openCost: Decimal;
  /** P&L realised by the day's fills that reduced the position (against the average price). */
  readonly realised: Decimal;
  /** Notional traded in the day: the sum of quantity × price of its fills, either side. */
  readonly traded: Decimal;
  /** The UTC day (`YYYY-MM-DD`) `realised` and `traded` belong to; empty before any fill. */
  readonly day: string;
}

const FLAT: SymbolPosition = Object.freeze({
  net: ZERO,
  openCost: ZERO,
  realised: ZERO,
  traded: ZERO,
  day: '',
});

const DAY_MS = 86_400_000;

/** The day utcDay last worked out and the times it spans: every check of a child asks for today. */
let lastDay = { start: 0, end: 0, day: '1970-01-01' };

/** The UTC day of a time in ms since the epoch, as `YYYY-MM-DD`. */
export function utcDay(time: number): string {
  if (time >= lastDay.start && time < lastDay.end) return lastDay.day;
  const start = Math.floor(time / DAY_MS) * DAY_MS;
  lastDay = { start, end: start + DAY_MS, day: new Date(start).toISOString().slice(0, 10) };
  return lastDay.day;
}

/** When the UTC day of `time` ends: the first ms of the next, since the epoch. */
export function utcDayEnd(time: number): number {
  return (Math.floor(time / DAY_MS) + 1) * DAY_MS;
}

/**
 * Every symbol's position from exo's own fills, each counted once: the engine adds a fill as its
 * order applies it (the order's event), recovery as the journal replays it, so a restart stands
 * where the run before it stood. Exposure limits, `reducing` and the daily loss read it.
 */
export class Positions {
  readonly #bySymbol = new Map<string, SymbolPosition>();
  /**
   * Each position as read on a later day (its day figures zero), per position: the same object
   * for every read until a fill or the next day, so that a reader keeping what it worked out per
   * position object (Standings) does not work it out again at every check after midnight.
   */
  readonly #rolled = new WeakMap<SymbolPosition, SymbolPosition>();

  /** Adds a fill of `quantity` at `price`, bought or sold, at `time` (its venue time). */
  fill(symbol: string, side: Side, quantity: Decimal, price: Decimal, time: number): void {
    const day = utcDay(time);
    const was = this.#bySymbol.get(symbol) ?? FLAT;
    // A fill on a later day starts the day's figures; one arriving late for an earlier day counts in the current one.
    const start = day > was.day ? extended(was, { realised: ZERO, traded: ZERO, day }) : was;
    const signed = side === 'buy' ? quantity : quantity.neg();
    this.#bySymbol.set(
      symbol,
      extended(moved(start, signed, price), {
        traded: start.traded.plus(quantity.times(price)),
        day: start.day,
      }),
    );
  }

  /** The symbol's position; its day figures are zero when `now` falls on a later day than theirs. */
  of(symbol: string, now?: number): SymbolPosition {
    const position = this.#bySymbol.get(symbol) ?? FLAT;
    if (now === undefined || position.day === '') return position;
    const day = utcDay(now);
    if (day <= position.day) return position;
    const rolled = this.#rolled.get(position);
    if (rolled?.day === day) return rolled;
    const read = extended(position, { realised: ZERO, traded: ZERO, day });
    this.#rolled.set(position, read);
    return read;
  }

  /** The symbols exo has traded (a view, not a copy: the exposure checks ask on every order). */
  symbols(): Iterable<string> {
    return this.#bySymbol.keys();
  }

  /** The positions as JSON (decimals as strings), for the recovery book's snapshot entry. */
  toJSON(): JsonValue {
    const json: Record<string, JsonValue> = {};
    for (const [symbol, p] of this.#bySymbol) {
      json[symbol] = {
        net: p.net.toString(),
        openCost: p.openCost.toString(),
        realised: p.realised.toString(),
        traded: p.traded.toString(),
        day: p.day,
      };
    }
    return json;
  }

  /** Positions as `toJSON` wrote them; throws ParseError naming the field that is not. */
  static fromJSON(json: JsonValue): Positions {
    const positions = new Positions();
    if (!isObject(json)) throw ParseError.expected('positions', 'an object', json);
    for (const [symbol, entry] of Object.entries(json)) {
      const at = `positions.${symbol}`;
      if (!isObject(entry)) throw ParseError.expected(at, 'an object', entry);
      const day = entry.day;
      if (typeof day !== 'string') throw ParseError.expected(`${at}.day`, 'a string', day);
      positions.#bySymbol.set(symbol, {
        net: decimalAt(entry, 'net', at),
        openCost: decimalAt(entry, 'openCost', at),
        realised: decimalAt(entry, 'realised', at),
        traded: decimalAt(entry, 'traded', at),
        day,
      });
    }
    return positions;
  }
}

/**
 * The position after a signed fill: one that adds to it (or opens it) adds its cost; one against
 * it realises (price − average) × the quantity it closes, and what goes past flat opens the other
 * way at the fill's price.
 */
function moved(from: SymbolPosition, signed: Decimal, price: Decimal): SymbolPosition {
  const { net, openCost } = from;
  if (sign(net) === 0 || sign(net) > 0 === sign(signed) > 0) {
    return extended(from, { net: net.plus(signed), openCost: openCost.plus(signed.times(price)) });
  }
  const closing = compare(signed.abs(), net.abs()) < 0 ? signed.abs() : net.abs();
  const average = openCost.div(net);
  const direction = sign(net) > 0 ? 1 : -1;
  const realised = from.realised.plus(price.minus(average).times(closing).times(direction));
  const after = net.plus(signed);
  // Past flat, the rest opens at the fill's price; short of it, the rest keeps its average.
  const cost =
    sign(after) === 0
      ? ZERO
      : sign(after) > 0 === sign(net) > 0
        ? average.times(after)
        : after.times(price);
  return extended(from, { net: after, openCost: cost, realised });
}

function isObject(value: unknown): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decimalAt(entry: { readonly [key: string]: JsonValue }, key: string, at: string): Decimal {
  const value = entry[key];
  if (typeof value !== 'string')
    throw ParseError.expected(`${at}.${key}`, 'a decimal string', value);
  try {
    return decimal(value);
  } catch {
    throw ParseError.expected(`${at}.${key}`, 'a decimal string', value);
  }
}
