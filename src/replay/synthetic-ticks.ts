import { SeededRandom } from '../feeds/sim/seeded-random.js';
import type { TickEvent } from '../ticks/tick-event.js';

/** The shape of a synthetic recording: how many events, over which symbols, how far apart. */
export interface SyntheticTicksOptions {
  readonly events: number;
  readonly symbols: readonly string[];
  readonly seed: number;
  /** The first event's receive time, µs. */
  readonly startUs: number;
  /** The mean gap between events, µs (each gap 1 to 2× mean - 1, whole). */
  readonly meanGapUs: number;
  /** Events per batch, as a tick file's blocks hold them. Default 4,096. */
  readonly batch?: number;
  /** Of every ten events, how many are trades. Default 2. */
  readonly tradesInTen?: number;
}

/**
 * A deterministic recording for benchmarks and tests: each symbol's mid walks on a 0.01 grid
 * around 100 (symbol i around 100 × (i + 1)), its quote one tick wide with sizes of 1 to 5, its
 * trades at the bid or the ask; a symbol definition first for each. Batches are fresh arrays.
 */
export function* syntheticTicks(options: SyntheticTicksOptions): Generator<TickEvent[]> {
  const random = new SeededRandom(options.seed);
  const size = options.batch ?? 4096;
  const trades = options.tradesInTen ?? 2;
  const mids = options.symbols.map((_, index) => 10_000 * (index + 1));
  let batch: TickEvent[] = options.symbols.map((symbol) => ({
    kind: 'symbol',
    symbol,
    recvUs: options.startUs,
    tickSize: '0.01',
    lotSize: '0.001',
  }));
  let us = options.startUs;
  for (let n = 0; n < options.events; n++) {
    const index = random.integer(0, options.symbols.length - 1);
    const symbol = options.symbols[index]!;
    mids[index]! += random.integer(-1, 1);
    const bid = mids[index]!;
    if (random.integer(0, 9) < trades) {
      const buy = random.chance(0.5);
      const px = cents(buy ? bid + 1 : bid);
      const qty = `0.${random.integer(1, 999)}`;
      batch.push({
        kind: 'trade',
        symbol,
        venueUs: us,
        recvUs: us,
        px,
        qty,
        side: buy ? 'buy' : 'sell',
      });
    } else {
      batch.push({
        kind: 'quote',
        symbol,
        venueUs: us,
        recvUs: us,
        bidPx: cents(bid),
        bidQty: `${random.integer(1, 5)}`,
        askPx: cents(bid + 1),
        askQty: `${random.integer(1, 5)}`,
      });
    }
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
    us += random.integer(1, 2 * options.meanGapUs - 1);
  }
  if (batch.length > 0) yield batch;
}

/** Whole cents as a price string. */
function cents(value: number): string {
  return (value / 100).toFixed(2);
}
