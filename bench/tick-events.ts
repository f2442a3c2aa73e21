import { SeededRandom } from '../src/feeds/sim/index.js';
import type { TickEvent } from '../src/ticks/index.js';

/** `units` at `scale` decimals as a venue writes it: `formatDecimal(6500012, 2)` is `65000.12`. */
function formatDecimal(units: number, scale: number): string {
  return (units / 10 ** scale).toFixed(scale);
}

/** A symbol of the synthetic recording: its start price in cents and its lot's decimals. */
const SYMBOLS = [
  { symbol: 'BTC-USD', cents: 6_500_000, lotScale: 8, lots: 50_000_000 },
  { symbol: 'ETH-USD', cents: 350_000, lotScale: 4, lots: 20_000 },
  { symbol: 'SOL-USD', cents: 15_000, lotScale: 2, lots: 5_000 },
] as const;

/**
 * `count` events over three symbols as a venue sends them: a symbol definition each, then quotes
 * (three in four) and trades with random-walk prices in cents, sizes in lots, receive times a few
 * hundred microseconds apart, venue times a little earlier, and rising trade IDs.
 */
export function syntheticTicks(count: number, seed = 1): TickEvent[] {
  const random = new SeededRandom(seed);
  const events: TickEvent[] = [];
  let recvUs = Date.UTC(2026, 0, 1) * 1000;
  const mids = SYMBOLS.map((s) => s.cents);
  const tradeIds = SYMBOLS.map(() => 1_000_000_000);
  for (const s of SYMBOLS) {
    events.push({
      kind: 'symbol',
      symbol: s.symbol,
      recvUs,
      tickSize: '0.01',
      lotSize: formatDecimal(1, s.lotScale),
    });
  }
  while (events.length < count) {
    const i = random.integer(0, SYMBOLS.length - 1);
    const s = SYMBOLS[i]!;
    recvUs += random.integer(1, 600);
    const venueUs = recvUs - random.integer(200, 3000);
    mids[i]! += random.integer(-3, 3);
    const size = (): string => formatDecimal(random.integer(1, s.lots), s.lotScale);
    if (random.chance(0.25)) {
      tradeIds[i]! += random.integer(1, 3);
      events.push({
        kind: 'trade',
        symbol: s.symbol,
        venueUs,
        recvUs,
        px: formatDecimal(mids[i]! + random.integer(-1, 1), 2),
        qty: size(),
        side: random.chance(0.5) ? 'buy' : 'sell',
        tradeId: String(tradeIds[i]),
      });
    } else {
      const spread = random.integer(1, 4);
      events.push({
        kind: 'quote',
        symbol: s.symbol,
        venueUs,
        recvUs,
        bidPx: formatDecimal(mids[i]! - spread, 2),
        bidQty: size(),
        askPx: formatDecimal(mids[i]! + spread, 2),
        askQty: size(),
      });
    }
  }
  return events;
}
