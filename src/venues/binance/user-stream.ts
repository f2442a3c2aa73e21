import type { Report } from '../../market/report.js';
import { describe } from './binance-api-error.js';
import { readExecutionReport } from './execution-report.js';
import { type ReconcileHost, reconcile } from './reconciler.js';
import { cursorAfter } from './trade-cursor.js';

/** What the user data stream needs of the adapter. */
export interface UserStreamHost extends Omit<ReconcileHost, 'emit'> {
  /** Passes a report on to exo, with the fills cursor after it for a trade. */
  deliver(report: Report, cursor?: string): void;
  note(kind: string, message: string): void;
}

/**
 * The user data stream's events in exo's terms, in order across gaps: from a drop until the gap
 * is reconciled (REST, reconciler.ts) events are held, then applied after what reconciliation
 * found, so fills reach exo in the order Binance made them and each once. Every report leaves
 * through here, a trade's with the fills cursor just past it.
 */
export class UserStream {
  readonly #host: UserStreamHost;
  #held: Record<string, unknown>[] | undefined;
  #reconciliations = 0;

  constructor(host: UserStreamHost) {
    this.#host = host;
  }

  /** Whether events are held while a gap is reconciled. */
  get catchingUp(): boolean {
    return this.#held !== undefined;
  }

  /** Reconciliations done after gaps. */
  get reconciliations(): number {
    return this.#reconciliations;
  }

  /** An event from the stream: applied now, or held while a gap is reconciled. */
  event(event: Record<string, unknown>): void {
    if (this.#held !== undefined) {
      this.#held.push(event);
      return;
    }
    const er = readExecutionReport(event);
    if (er === undefined) return;
    for (const report of this.#host.children.event(er)) {
      this.emit(report, er.x === 'TRADE' ? { symbol: er.symbol, id: er.tradeId } : undefined);
    }
  }

  /** The stream may have missed something from now on: events are held until reconciled. */
  hold(): void {
    this.#held ??= [];
  }

  /** Reconciles the gap, then applies the events held meanwhile. */
  async reconcile(): Promise<void> {
    this.hold();
    const { children } = this.#host;
    try {
      const found = await reconcile({
        ...this.#host,
        emit: (report, trade) => this.emit(report, trade),
      });
      this.#reconciliations++;
      this.#host.note(
        'reconciled',
        `after a gap: ${found.fills} missed fills and ${found.statuses} statuses applied, ${children.duplicates} duplicates dropped so far`,
      );
    } catch (error) {
      this.#host.note('reconcile_failed', `reconciliation failed: ${describe(error)}`);
    }
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const event of held) this.event(event);
  }

  /** Passes a report on; a trade's with the cursor past it. */
  emit(report: Report, trade?: { symbol: string; id: number }): void {
    const cursor =
      trade === undefined ? undefined : cursorAfter(this.#host.tradeIds, trade.symbol, trade.id);
    this.#host.deliver(report, cursor);
  }
}
