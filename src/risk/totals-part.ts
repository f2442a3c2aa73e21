import { exposureOf, type OpenSides } from './exposure.js';
import { Fixed } from './fixed.js';
import type { Standing } from './standings.js';

/**
 * A symbol's part in the totals: its worst-case exposure (undefined when an open order cannot be
 * priced) and its traded notional with every open order. Worked out from its standing and open
 * sides, and kept while both are the same objects (each is a new one when its figures change: see
 * Standings, OpenSums.sides); `round` is the totals' round it was last met in, so that each symbol
 * counts once a round.
 */
export interface TotalsPart {
  readonly standing: Standing;
  readonly sides: OpenSides;
  readonly exposure: Fixed | undefined;
  readonly traded: Fixed;
  round: number;
}

/** The part worked out anew, met in no round yet. */
export function totalsPartOf(standing: Standing, sides: OpenSides): TotalsPart {
  const exposure = exposureOf(standing.value, sides);
  const { buy, sell } = sides;
  const traded =
    exposure === undefined ? Fixed.ZERO : standing.traded.plus(buy.notional!).plus(sell.notional!);
  return { standing, sides, exposure, traded, round: 0 };
}
