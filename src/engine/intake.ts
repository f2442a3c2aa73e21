import type { Clock } from '../core/clock.js';
import type { Dispatcher } from '../core/dispatcher.js';
import { InstructionError } from '../core/errors.js';
import { assertSameIdentity } from '../core/instruction.js';
import { orderIdGenerator } from '../core/order-id.js';
import type { IdempotencyRecord } from '../journal/journal-records.js';
import { isTerminal } from '../market/ord-status.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { ParentState } from '../orders/parent-state.js';
import type { EngineJournal } from './engine-journal.js';
import { IdempotencyIndex } from './idempotency-index.js';
import { IntakeClosedError, type IntakeHealth } from './intake-closed-error.js';
import type { NewOrderRequest, ReplaceOrderRequest } from './order-request.js';
import type { OrderStore } from './order-store.js';

/** Whether the engine takes instructions: not while it recovers from its journal. */
export type IntakePhase = 'recovering' | 'ready';

/**
 * An instruction that passed every check and is ready to be journaled and submitted: the whole
 * order as it will be, and the order's state as of its acceptance (what the client is answered).
 */
export interface PreparedInstruction {
  readonly order: ParentOrder;
  readonly state: ParentSnapshot;
}

/** What intake works with: the engine's dispatcher, store, clock, lists and journal. */
export interface IntakeParts {
  readonly dispatcher: Dispatcher<ParentOrder>;
  readonly store: OrderStore;
  readonly clock: Clock;
  readonly symbols: readonly string[];
  readonly algos: readonly string[];
  readonly journal: EngineJournal;
  readonly stopping: () => boolean;
}

/**
 * How instructions enter the engine. Each is first checked, synchronously, against everything
 * that could refuse it (unknown symbol or algorithm, unknown or completed order, side or symbol
 * changed, a cancel already requested), so a refused request writes nothing; then journaled, and
 * only once its row committed submitted to the dispatcher. The phase keeps intake closed while the
 * engine recovers; a journal that failed closes it for good.
 */
export class Intake {
  /** The Idempotency-Keys answered so far (rebuilt from the journal at startup). */
  readonly idempotency = new IdempotencyIndex();
  readonly #parts: IntakeParts;
  readonly #newOrderId = orderIdGenerator();
  /** Each order's last instruction prepared and not yet submitted or refused. */
  readonly #prepared = new Map<string, ParentOrder>();
  #phase: IntakePhase = 'recovering';

  constructor(parts: IntakeParts) {
    this.#parts = parts;
  }

  /** `recovering` until `ready()` opens intake. */
  get phase(): IntakePhase {
    return this.#phase;
  }

  /** Opens intake: recovery is done. */
  ready(): void {
    this.#phase = 'ready';
  }

  /** How intake is doing, for `/healthz`. */
  health(): IntakeHealth {
    const failure = this.#parts.journal.unavailable;
    if (failure !== undefined) return { status: 'journal_unavailable', reason: failure.message };
    if (this.#phase === 'recovering') {
      return { status: 'recovering', reason: 'rebuilding orders from the journal' };
    }
    return { status: 'ok' };
  }

  /** Throws IntakeClosedError while recovering or once the journal failed. */
  assertOpen(): void {
    const health = this.health();
    if (health.status === 'ok') return;
    throw new IntakeClosedError(health.status, health.reason ?? health.status);
  }

  /** Checks a new order and gives it its exo order ID; throws InstructionError when refused. */
  prepareNew(request: NewOrderRequest): PreparedInstruction {
    this.#assertTaking();
    const { symbols, algos, store, clock } = this.#parts;
    if (!symbols.includes(request.symbol)) {
      throw invalid(
        `symbol: unknown symbol ${JSON.stringify(request.symbol)} (known: ${symbols.join(', ')})`,
      );
    }
    if (!algos.includes(request.algo)) {
      throw invalid(
        `algo: unknown algorithm ${JSON.stringify(request.algo)} (known: ${algos.join(', ')})`,
      );
    }
    let orderId: string;
    do orderId = this.#newOrderId();
    while (store.get(orderId) !== undefined);
    const order: ParentOrder = { ...request, orderId, msgType: 'new' };
    return { order, state: ParentState.accepted(order, clock.now()).snapshot() };
  }

  /** Checks a replace against the working order; throws InstructionError when refused. */
  prepareReplace(orderId: string, request: ReplaceOrderRequest): PreparedInstruction {
    this.#assertTaking();
    const { state } = this.#live(orderId);
    // The next change starts from the last one prepared, even before it is journaled:
    // instructions are journaled and submitted in the order they were prepared.
    const working = this.#latest(orderId);
    const order: ParentOrder = {
      ...working,
      msgType: 'replace',
      side: request.side ?? working.side,
      symbol: request.symbol ?? working.symbol,
      quantity: request.quantity ?? working.quantity,
      limitPrice: request.limitPrice ?? working.limitPrice,
    };
    assertSameIdentity(working, request);
    this.#refuseIfCancelling(orderId, 'replace_after_cancel');
    this.#prepared.set(orderId, order);
    return { order, state };
  }

  /** Checks a cancel against the working order; throws InstructionError when refused. */
  prepareCancel(orderId: string): PreparedInstruction {
    this.#assertTaking();
    const { state } = this.#live(orderId);
    this.#refuseIfCancelling(orderId, 'cancel_pending');
    const order: ParentOrder = { ...this.#latest(orderId), msgType: 'cancel' };
    this.#prepared.set(orderId, order);
    return { order, state };
  }

  /**
   * Journals a prepared instruction and submits it once its row committed: the answer may then
   * leave, since it shows the order as it was accepted, not what the algorithm did next. Rejects
   * with IntakeClosedError when the journal cannot write (nothing was submitted). Resolves with
   * the dispatcher's InstructionError when it refused the instruction after all (the algorithm
   * refused the parameters, or the order completed while the row committed): the refusal is
   * journaled, with `answer(refusal)` as the Idempotency-Key's answer, before it resolves, so a
   * restart neither revives a refused order nor applies a refused replace or cancel.
   */
  async commit(
    prepared: PreparedInstruction,
    idempotency?: IdempotencyRecord,
    answer?: (refusal: InstructionError) => Omit<IdempotencyRecord, 'key' | 'requestHash'>,
  ): Promise<InstructionError | undefined> {
    const { journal } = this.#parts;
    let instructionKey: string;
    try {
      instructionKey = await journal.instruction(prepared.order, idempotency);
    } catch (error) {
      this.#settled(prepared);
      throw error;
    }
    try {
      this.#submit(prepared);
      return undefined;
    } catch (error) {
      if (!(error instanceof InstructionError)) throw error;
      const { order } = prepared;
      const answered =
        idempotency === undefined || answer === undefined
          ? undefined
          : { key: idempotency.key, requestHash: idempotency.requestHash, ...answer(error) };
      if (order.msgType === 'new') {
        // The refusal must be durable before it is answered, or a restart would revive the order.
        journal.completed(order.orderId, 'rejected', {
          refusal: error.message,
          ...(answered === undefined ? {} : { idempotency: answered }),
        });
      } else {
        // Terms only when no later instruction is pending (#submit settled this one): a later
        // one carries whole terms of its own, which the dispatcher applies if it accepts it.
        journal.refused(order.orderId, instructionKey, {
          msgType: order.msgType,
          code: error.code,
          reason: error.message,
          ...(this.#prepared.has(order.orderId) ? {} : { terms: this.#termsOf(order.orderId) }),
          ...(answered === undefined ? {} : { idempotency: answered }),
        });
      }
      await journal.committed();
      return error;
    }
  }

  #submit(prepared: PreparedInstruction): void {
    try {
      this.#parts.dispatcher.submit(prepared.order);
    } finally {
      this.#settled(prepared);
    }
  }

  /** The instruction left intake (submitted, refused or not journaled): the next builds on it no more. */
  #settled(prepared: PreparedInstruction): void {
    const { orderId } = prepared.order;
    if (this.#prepared.get(orderId) === prepared.order) this.#prepared.delete(orderId);
  }

  /** The order as the next replace or cancel starts from: the last prepared, else the accepted. */
  #latest(orderId: string): ParentOrder {
    return this.#prepared.get(orderId) ?? this.#parts.dispatcher.order(orderId)!;
  }

  /** The terms an order keeps after a refused replace: as the dispatcher last accepted them. */
  #termsOf(orderId: string): { quantity: string; limitPrice?: string } {
    const terms = this.#parts.dispatcher.order(orderId) ?? this.#parts.store.get(orderId)!;
    const { quantity, limitPrice } = terms;
    return {
      quantity: quantity.toString(),
      ...(limitPrice === undefined ? {} : { limitPrice: limitPrice.toString() }),
    };
  }

  #assertTaking(): void {
    this.assertOpen();
    if (this.#parts.stopping()) {
      throw new InstructionError('stopped', undefined, 'the engine is stopping');
    }
  }

  #live(orderId: string): { working: ParentOrder; state: ParentSnapshot } {
    const state = this.#parts.store.get(orderId);
    if (state === undefined) {
      throw new InstructionError('unknown_order', orderId, `no order ${orderId}`);
    }
    const working = this.#parts.dispatcher.order(orderId);
    if (working === undefined || isTerminal(state.status)) {
      throw new InstructionError('order_completed', orderId, `order ${orderId} is ${state.status}`);
    }
    return { working, state };
  }

  /**
   * Refuses a change to an order being cancelled: one whose cancel is prepared here and not yet
   * submitted, or whose cancel the dispatcher accepted (before a restart too).
   */
  #refuseIfCancelling(orderId: string, code: 'replace_after_cancel' | 'cancel_pending'): void {
    const preparing = this.#prepared.get(orderId)?.msgType === 'cancel';
    if (preparing || this.#parts.dispatcher.cancelRequested(orderId)) {
      throw new InstructionError(code, orderId, `order ${orderId} is being cancelled`);
    }
  }
}

function invalid(message: string): InstructionError {
  return new InstructionError('invalid_instruction', undefined, message);
}
