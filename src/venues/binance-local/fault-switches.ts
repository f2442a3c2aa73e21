/** What happens to the reply of a request a fault switch catches; the request itself is served. */
export type ReplyFault =
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly delayMs: number }
  | { readonly kind: 'timeout' };

/** A reply fault armed for the next `remaining` requests of one method. */
interface Armed {
  readonly fault: ReplyFault;
  remaining: number;
}

/**
 * The local Binance's fault switches that act on requests and reports: the reply to the next N
 * requests of a method dropped (a REST connection is cut, a WebSocket API answer never sent),
 * delayed, or answered -1007 (the request executed, its outcome told as unknown); and every
 * executionReport sent twice. Methods are named as the WebSocket API names them (`order.place`)
 * or as REST requests (`POST /api/v3/order`).
 */
export class FaultSwitches {
  readonly #replies = new Map<string, Armed[]>();
  /** Whether each executionReport goes out twice. */
  duplicateReports = false;

  /** Arms `fault` for the next `count` requests of `method`, after any armed before it. */
  armReply(method: string, fault: ReplyFault, count: number): void {
    const armed = this.#replies.get(method) ?? [];
    armed.push({ fault, remaining: count });
    this.#replies.set(method, armed);
  }

  /** The fault for a request of `method` (as its API names it), using it up; or undefined. */
  takeReply(method: string | undefined): ReplyFault | undefined {
    if (method === undefined) return undefined;
    const armed = this.#replies.get(method);
    const first = armed?.[0];
    if (armed === undefined || first === undefined) return undefined;
    if (--first.remaining <= 0) armed.shift();
    if (armed.length === 0) this.#replies.delete(method);
    return first.fault;
  }

  /** Disarms every reply fault and stops doubling reports. */
  clear(): void {
    this.#replies.clear();
    this.duplicateReports = false;
  }
}
