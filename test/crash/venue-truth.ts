import { Decimal } from '../../src/market/decimal.js';
import { RemoteVenue } from '../../src/venues/remote/remote-venue.js';
import { fillToJSON, orderStatusToJSON } from '../../src/venues/wire/venue-answer-json.js';

/**
 * What the venue did, read once every order is terminal: the truth a trial checks exo against,
 * whatever protocol the venue spoke.
 */
export interface VenueTruth {
  /** What the venue filled on each exo parent's children, by parent ID. */
  readonly filledByParent: ReadonlyMap<string, Decimal>;
  /** Every exo order the venue still has open, described (ClOrdID and status). */
  readonly open: readonly string[];
  /** Orders at the venue that no exo parent sent (a lost name), described: fills exo cannot see. */
  readonly unclaimed: readonly string[];
  /** Files for a kept trial's evidence (name → JSON value), in the venue's own terms. */
  readonly files: Readonly<Record<string, unknown>>;
}

/** Adds `qty` to `parent`'s sum in `sums`. */
export function addFilled(sums: Map<string, Decimal>, parent: string, qty: string | Decimal): void {
  sums.set(parent, (sums.get(parent) ?? new Decimal(0)).plus(qty));
}

/**
 * The standalone paper venue's truth over its own protocol, as exo would read it: its ledger
 * (every fill names the parent it was for) and its open exo orders.
 */
export async function paperVenueTruth(url: string): Promise<VenueTruth> {
  const remote = new RemoteVenue({ url });
  try {
    const ledger = await remote.ledger();
    // `exo`: a one-shard exo's `exo-` and a sharded journal's `exo<shard>-` alike.
    const open = await remote.openOrders('exo');
    const filledByParent = new Map<string, Decimal>();
    for (const fill of ledger.fills) addFilled(filledByParent, fill.parentId, fill.qty);
    return {
      filledByParent,
      open: open.map((order) => `${order.clOrdId} (${order.status})`),
      unclaimed: [],
      files: {
        'ledger.json': {
          orders: ledger.orders.map(orderStatusToJSON),
          fills: ledger.fills.map(fillToJSON),
        },
        'open-orders.json': open.map(orderStatusToJSON),
      },
    };
  } finally {
    await remote.close();
  }
}
