import type { Clock } from '../core/clock.js';
import { extended } from '../market/extended.js';
import { isTerminal } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { TradingScope } from '../market/trading-state.js';

/** A working child as a halt cancels it. */
export interface HaltedChild {
  readonly clOrdId: string;
  readonly parentId: string;
  readonly symbol: string;
}

/** A child a halt cancelled whose end the venue has not reported yet. */
export interface AwaitingCancel extends HaltedChild {
  /** When the halt sent its cancel. */
  readonly since: number;
}

/** How the children a halt cancelled ended, by their final status. */
export interface EndedChildren {
  canceled: number;
  filled: number;
  rejected: number;
  expired: number;
}

/** A halt whose cancels the venue has all confirmed: every child it cancelled has ended. */
export type HaltConfirmation = TradingScope & {
  /** How many working children the halt cancelled (or found being cancelled by an earlier one). */
  readonly children: number;
  readonly ended: Readonly<EndedChildren>;
  /** When the halt took effect and sent its cancels. */
  readonly haltedAt: number;
  /** When the last of its children ended. */
  readonly confirmedAt: number;
};

/** How many refused cancels of a child a halt sends again before it leaves the child awaiting. */
const MAX_CANCEL_REFUSALS = 3;

interface Halt {
  readonly scope: TradingScope;
  readonly haltedAt: number;
  readonly children: number;
  readonly waiting: Set<string>;
  readonly ended: EndedChildren;
}

interface Awaiting extends AwaitingCancel {
  refusals: number;
}

/**
 * What halts cancelled and the venue has yet to end. A halt cancels every working child of its
 * scope (a child already being cancelled for an earlier halt is not sent again) and is confirmed
 * once each has ended, canceled, filled, rejected or expired, as its report says. A refused cancel
 * of a child still working is sent again, up to MAX_CANCEL_REFUSALS times; after that the child
 * stays awaiting, for an operator to see.
 */
export class HaltCancels {
  readonly #clock: Clock;
  readonly #cancel: (clOrdId: string) => void;
  readonly #confirmed: (confirmation: HaltConfirmation) => void;
  readonly #awaiting = new Map<string, Awaiting>();
  readonly #halts = new Set<Halt>();
  #confirmedAt: number | undefined;

  /** `cancel` sends a child's cancel (through the journaled venue); `confirmed` hears each halt confirmed. */
  constructor(options: {
    readonly clock: Clock;
    readonly cancel: (clOrdId: string) => void;
    readonly confirmed: (confirmation: HaltConfirmation) => void;
  }) {
    this.#clock = options.clock;
    this.#cancel = options.cancel;
    this.#confirmed = options.confirmed;
  }

  /** The children cancelled by halts and not yet ended, oldest first. */
  awaiting(): AwaitingCancel[] {
    return Array.from(this.#awaiting.values(), ({ refusals: _, ...child }) => child);
  }

  /** When the latest halt was confirmed; undefined while one awaits, or before any halt. */
  get confirmedAt(): number | undefined {
    return this.#confirmedAt;
  }

  /** Cancels `children` for a halt of `scope` and waits for their ends; with none it is confirmed now. */
  halt(scope: TradingScope, children: readonly HaltedChild[]): void {
    const now = this.#clock.now();
    const halt: Halt = {
      scope,
      haltedAt: now,
      children: children.length,
      waiting: new Set(),
      ended: { canceled: 0, filled: 0, rejected: 0, expired: 0 },
    };
    this.#halts.add(halt);
    this.#confirmedAt = undefined;
    for (const { clOrdId, parentId, symbol } of children) {
      halt.waiting.add(clOrdId);
      if (this.#awaiting.has(clOrdId)) continue;
      this.#awaiting.set(clOrdId, { clOrdId, parentId, symbol, since: now, refusals: 0 });
      this.#cancel(clOrdId);
    }
    if (halt.waiting.size === 0) this.#confirm(halt);
  }

  /** Follows a child's report: its end confirms its cancel; a refused cancel is sent again. */
  onReport(report: Report): void {
    if (this.#awaiting.size === 0) return;
    const clOrdId = report.clOrdId ?? report.orderId;
    const awaited = this.#awaiting.get(clOrdId);
    if (awaited === undefined) return;
    const { status } = report;
    if (!isTerminal(status)) {
      if (report.execType === 'cancel_rejected' && ++awaited.refusals < MAX_CANCEL_REFUSALS) {
        this.#cancel(clOrdId);
      }
      return;
    }
    this.#awaiting.delete(clOrdId);
    for (const halt of this.#halts) {
      if (!halt.waiting.delete(clOrdId)) continue;
      halt.ended[status as keyof EndedChildren]++;
      if (halt.waiting.size === 0) this.#confirm(halt);
    }
  }

  #confirm(halt: Halt): void {
    this.#halts.delete(halt);
    const confirmedAt = this.#clock.now();
    if (this.#halts.size === 0) this.#confirmedAt = confirmedAt;
    const { scope, children, ended, haltedAt } = halt;
    this.#confirmed(extended(scope, { children, ended: { ...ended }, haltedAt, confirmedAt }));
  }
}
