import { BinanceError, binanceErrors } from './binance-error.js';
import type { BinanceOrder, NewOrderTerms } from './binance-order.js';
import type { BinanceSymbol } from './binance-symbols.js';
import type { CancelRestriction, LocalExchange, OrderRef } from './local-exchange.js';
import { cancelJSON, newOrderJSON, type OrderRespType } from './order-json.js';

/** order.cancelReplace's modes: stop when the cancel fails, or place the new order anyway. */
export type CancelReplaceMode = 'STOP_ON_FAILURE' | 'ALLOW_FAILURE';

/** What one half of a cancel-replace came to: its answer, or its error. */
type Half = { readonly order: BinanceOrder } | { readonly error: BinanceError };

/**
 * Cancels an order and places a new one in its place (not atomically, as on Binance): both
 * succeed → the two answers; with STOP_ON_FAILURE a failed cancel skips the new order (-2022, 400);
 * a success beside a failure is -2021 (409); two failures -2022 (400); `data` says which was which.
 */
export async function cancelReplace(
  exchange: LocalExchange,
  symbol: BinanceSymbol,
  mode: CancelReplaceMode,
  cancel: {
    readonly ref: OrderRef;
    readonly newClientOrderId?: string;
    readonly restriction?: CancelRestriction;
  },
  order: { readonly terms: NewOrderTerms; readonly respType: OrderRespType },
  now: () => number,
) {
  const cancelled = await half(() =>
    exchange.cancel(symbol, cancel.ref, cancel.newClientOrderId, cancel.restriction),
  );
  const placed =
    'error' in cancelled && mode === 'STOP_ON_FAILURE'
      ? undefined
      : await half(() => exchange.place(order.terms));
  const cancelResponse =
    'error' in cancelled ? cancelled.error.toJSON() : cancelJSON(cancelled.order, now());
  const newOrderResponse =
    placed === undefined
      ? null
      : 'error' in placed
        ? placed.error.toJSON()
        : newOrderJSON(placed.order, order.respType, now());
  const result = (half: Half | undefined) =>
    half === undefined ? 'NOT_ATTEMPTED' : 'error' in half ? 'FAILURE' : 'SUCCESS';
  const data = {
    cancelResult: result(cancelled),
    newOrderResult: result(placed),
    cancelResponse,
    newOrderResponse,
  };
  const cancelFailed = 'error' in cancelled;
  const placeFailed = placed === undefined || 'error' in placed;
  if (!cancelFailed && !placeFailed) return data;
  if (cancelFailed && placeFailed) throw binanceErrors.cancelReplaceFailed(data);
  throw binanceErrors.cancelReplacePartial(data);
}

async function half(run: () => Promise<BinanceOrder>): Promise<Half> {
  try {
    return { order: await run() };
  } catch (error) {
    if (error instanceof BinanceError) return { error };
    throw error;
  }
}
