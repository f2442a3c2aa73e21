import { type Decimal, decimal, ZERO } from '../../market/decimal.js';
import type { BinanceTrade } from './binance-order.js';
import { amount } from './order-json.js';

/** What each asset of the local account starts with: enough to trade every symbol at length. */
const STARTING_BALANCE = decimal('1000000');

/**
 * The local account's balances: every asset starts at a million, and each fill moves the base
 * and quote assets (no fees, no locking, and no order is refused for want of funds: the local
 * Binance checks the protocol, not the money).
 */
export class AccountBalances {
  readonly #free = new Map<string, Decimal>();

  constructor(assets: readonly string[]) {
    for (const asset of assets) this.#free.set(asset, STARTING_BALANCE);
  }

  /** Moves the balances for one of the account's fills. */
  apply(trade: BinanceTrade): void {
    const { baseAsset, quoteAsset } = trade.symbol;
    const quote = trade.qty.times(trade.price);
    this.#add(baseAsset, trade.isBuyer ? trade.qty : trade.qty.neg());
    this.#add(quoteAsset, trade.isBuyer ? quote.neg() : quote);
  }

  /** GET /api/v3/account's answer. */
  accountJSON(now: number) {
    return {
      makerCommission: 0,
      takerCommission: 0,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: {
        maker: amount(undefined),
        taker: amount(undefined),
        buyer: amount(undefined),
        seller: amount(undefined),
      },
      canTrade: true,
      canWithdraw: false,
      canDeposit: false,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: now,
      accountType: 'SPOT',
      balances: [...this.#free].map(([asset, free]) => ({
        asset,
        free: amount(free),
        locked: amount(undefined),
      })),
      permissions: ['SPOT'],
      uid: 1,
    };
  }

  #add(asset: string, delta: Decimal): void {
    this.#free.set(asset, (this.#free.get(asset) ?? ZERO).plus(delta));
  }
}
