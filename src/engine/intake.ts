import type { InstrumentLookup } from '../algos/instrument.js';
import type { AlgoParams } from '../algos/params.js';
import type { Clock } from '../core/clock.js';
import type { Dispatcher } from '../core/dispatcher.js';
import { InstructionError } from '../core/errors.js';
import { assertSameIdentity } from '../core/instruction.js';
import { orderIdGenerator } from '../core/order-id.js';
import type { IdempotencyRecord } from '../journal/journal-records.js';
import { compare, type Decimal, ZERO } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import { isTerminal } from '../market/ord-status.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { ParentState } from '../orders/parent-state.js';
import type { ExposureState } from '../risk/exposure.js';
import {
  ExposureChecks,
  type ExposureRequest,
  hasExposureRules,
  newExposure,
} from '../risk/exposure-checks.js';
import { asReplaced, OpenParents } from '../risk/open-parents.js';
import { checkNewParent, checkParentTerms, type ParentMarket } from '../risk/parent-checks.js';
import { limitsFor, type RiskLimits, type RiskRefusal } from '../risk/risk-limits.js';
import { RiskRefusalError } from '../risk/risk-refusal-error.js';
import { type GatedTerms, type GateState, tradingStateRefusal } from '../risk/trading-gate.js';
import { TradingStateError } from '../risk/trading-state-error.js';
import { shardOf } from '../shards/shard-of.js';
import { ONLY_SHARD, prefixOf, type ShardPlace } from '../shards/shard-place.js';
import { WrongShardError } from '../shards/wrong-shard-error.js';
import type { EngineJournal } from './engine-journal.js';
import { assertOnGrid } from './grid-check.js';
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

/** What the parent risk checks read: the limits in force and each symbol's reference price. */
export interface IntakeRisk {
  /** The limits now (they may be reloaded); undefined when none are set. */
  readonly limits: () => RiskLimits | undefined;
  /** Mid of the current quote, or the last trade; undefined when neither arrived. */
  readonly reference: (symbol: string) => Decimal | undefined;
  /** Hears every refusal, for the metrics. */
  readonly refused: (refusal: RiskRefusal) => void;
  /** Where exo stands, for the exposure rules (against the open parents' leaves); unchecked without it. */
  readonly exposure?: ExposureState;
  /** The state a symbol trades under and the scope that set it; `active` everywhere when absent. */
  readonly tradingState?: (symbol: string) => GateState;
  /** A symbol's net position (+ long, − short), for `reducing`; flat when absent. */
  readonly net?: (symbol: string) => Decimal;
}

/**
 * What intake works with: the engine's dispatcher, store, clock, lists, grids, params check and
 * journal.
 */
export interface IntakeParts {
  readonly dispatcher: Dispatcher<ParentOrder>;
  readonly store: OrderStore;
  readonly clock: Clock;
  readonly symbols: readonly string[];
  readonly algos: readonly string[];
  /** Symbols' tick and lot sizes: quantities and limits off them are refused. */
  readonly instruments?: InstrumentLookup;
  /** Why an algorithm refuses an order's params, or undefined when it takes them. */
  readonly paramsProblem?: (algo: string, params: AlgoParams) => string | undefined;
  readonly journal: EngineJournal;
  readonly stopping: () => boolean;
  /** The parent risk checks; none without it (limits are optional, as in most tests). */
  readonly risk?: IntakeRisk;
  /** Gives each new order its ID; unique random IDs (orderIdGenerator) by default, a replay's own to be reproducible. */
  readonly newOrderId?: () => string;
  /**
   * The shard served, of a sharded journal: a new order for a symbol of another shard is refused
   * (WrongShardError), and default order IDs take the shard's prefix. Every symbol when absent.
   */
  readonly shard?: ShardPlace;
}

/**
 * How instructions enter the engine. Each is first checked, synchronously, against everything
 * that could refuse it (unknown symbol or algorithm, params the algorithm refuses, a quantity or
 * limit off the symbol's grid, the symbol's trading state, a risk limit, unknown or completed
 * order, side or symbol changed, a cancel already requested), so a refused request writes nothing; then journaled, and only once its row
 * committed submitted to the dispatcher. The phase keeps intake closed while the engine recovers;
 * a journal that failed closes it for good.
 */
export class Intake {
  /** The Idempotency-Keys answered so far (rebuilt from the journal at startup). */
  readonly idempotency = new IdempotencyIndex();
  /** The parents counted against maxOpenParents; the engine adds restored ones and removes completed ones. */
  readonly openParents = new OpenParents();
  readonly #parts: IntakeParts;
  /** The exposure rules against where exo stands and the open parents; none without a state. */
  readonly #exposure: ExposureChecks | undefined;
  readonly #newOrderId: () => string;
  /** Each order's last instruction prepared and not yet submitted or refused. */
  readonly #prepared = new Map<string, ParentOrder>();
  /** The client order IDs of new orders prepared and not yet submitted or refused. */
  readonly #preparedClientOrderIds = new Set<string>();
  #phase: IntakePhase = 'recovering';

  constructor(parts: IntakeParts) {
    this.#parts = parts;
    this.#newOrderId = parts.newOrderId ?? orderIdGenerator(prefixOf(parts.shard ?? ONLY_SHARD));
    const state = parts.risk?.exposure;
    this.#exposure = state === undefined ? undefined : new ExposureChecks(state, this.openParents);
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

  /**
   * Checks a new order and gives it its exo order ID; throws InstructionError when refused. Each
   * prepared instruction is stamped with the clock's now: its journal row's time and the order's.
   */
  prepareNew(request: NewOrderRequest): PreparedInstruction {
    this.#assertTaking();
    const { symbols, algos, store, clock, instruments, paramsProblem, shard } = this.#parts;
    const belongs = shard === undefined ? undefined : shardOf(request.symbol, shard.count);
    if (shard !== undefined && belongs !== shard.index) {
      throw new WrongShardError(request.symbol, belongs ?? 0, shard.index);
    }
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
    const problem = paramsProblem?.(request.algo, request.params);
    if (problem !== undefined) throw invalid(problem);
    assertOnGrid(request.symbol, request, instruments?.(request.symbol));
    this.#checkTradingState(request);
    this.#checkRisk(
      (limits, market) =>
        checkNewParent(limits, request, market, this.openParents.counts(request.symbol)) ??
        this.#exposureRefusal(limits, newExposure(request)),
    );
    const { clientOrderId } = request;
    if (clientOrderId !== undefined) this.#refuseKnownClientOrderId(clientOrderId);
    let orderId: string;
    do orderId = this.#newOrderId();
    while (store.get(orderId) !== undefined);
    const time = clock.now();
    const order: ParentOrder = extended(request, { orderId, msgType: 'new', time });
    if (clientOrderId !== undefined) this.#preparedClientOrderIds.add(clientOrderId);
    this.openParents.add(order);
    return { order, state: ParentState.accepted(order, time).snapshot() };
  }

  /** Checks a replace against the working order; throws InstructionError when refused. */
  prepareReplace(orderId: string, request: ReplaceOrderRequest): PreparedInstruction {
    this.#assertTaking();
    const { state } = this.#live(orderId);
    // The next change starts from the last one prepared, even before it is journaled:
    // instructions are journaled and submitted in the order they were prepared.
    const working = this.#latest(orderId);
    const order: ParentOrder = extended(working, {
      msgType: 'replace',
      side: request.side ?? working.side,
      symbol: request.symbol ?? working.symbol,
      quantity: request.quantity ?? working.quantity,
      limitPrice: request.limitPrice ?? working.limitPrice,
      time: this.#parts.clock.now(),
    });
    assertSameIdentity(working, request);
    assertOnGrid(working.symbol, request, this.#parts.instruments?.(working.symbol), orderId);
    this.#refuseIfCancelling(orderId, 'replace_after_cancel');
    if (compare(order.quantity, working.quantity) > 0) {
      // The order's leaves after the replace are what it would still trade: its fills are done.
      const filled = this.#parts.store.get(orderId)?.cumQty ?? ZERO;
      this.#checkTradingState(extended(order, { quantity: order.quantity.minus(filled) }), orderId);
    }
    const changes = {
      quantity: request.quantity !== undefined,
      limitPrice: request.limitPrice !== undefined,
    };
    const open = this.openParents.get(orderId);
    this.#checkRisk(
      (limits, market) =>
        checkParentTerms(limits, order, market, changes) ??
        (open === undefined ? undefined : this.#exposureRefusal(limits, asReplaced(open, order))),
    );
    this.openParents.amend(orderId, order.quantity, order.limitPrice);
    this.#prepared.set(orderId, order);
    return { order, state };
  }

  /** Checks a cancel against the working order; throws InstructionError when refused. */
  prepareCancel(orderId: string): PreparedInstruction {
    this.#assertTaking();
    const { state } = this.#live(orderId);
    this.#refuseIfCancelling(orderId, 'cancel_pending');
    const time = this.#parts.clock.now();
    const order: ParentOrder = extended(this.#latest(orderId), { msgType: 'cancel', time });
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
      this.#notPlaced(prepared.order);
      throw error;
    }
    try {
      this.#submit(prepared);
      return undefined;
    } catch (error) {
      if (!(error instanceof InstructionError)) throw error;
      const { order } = prepared;
      this.#notPlaced(order);
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
    const { orderId, msgType, clientOrderId } = prepared.order;
    if (this.#prepared.get(orderId) === prepared.order) this.#prepared.delete(orderId);
    if (msgType === 'new' && clientOrderId !== undefined) {
      this.#preparedClientOrderIds.delete(clientOrderId);
    }
  }

  /** A new order that was not journaled, or that the dispatcher refused, is not open. */
  #notPlaced(order: ParentOrder): void {
    if (order.msgType === 'new') this.openParents.remove(order.orderId);
  }

  /**
   * Refuses an order its symbol's trading state does not let through (see tradingStateRefusal):
   * a new parent, or a replace that raises the quantity (`terms.quantity` its leaves then, the
   * order itself, `except`, not counted among the open parents on its side). Throws
   * TradingStateError, told to `risk.refused`.
   */
  #checkTradingState(terms: GatedTerms, except?: string): void {
    const risk = this.#parts.risk;
    const gate = risk?.tradingState?.(terms.symbol);
    if (risk === undefined || gate === undefined || gate.state === 'active') return;
    const open = gate.state === 'reducing' ? this.#openOnSide(terms, except) : ZERO;
    const refusal = tradingStateRefusal(gate, terms, open, risk.net?.(terms.symbol) ?? ZERO);
    if (refusal === undefined) return;
    risk.refused(refusal);
    throw new TradingStateError(gate.scope, refusal);
  }

  /** What the open parents on the order's symbol and side have left to fill, but `except`. */
  #openOnSide(terms: GatedTerms, except: string | undefined): Decimal {
    return this.openParents.sides(terms.symbol, undefined, except)[terms.side].quantity.toDecimal();
  }

  /** Runs a risk check when limits are set; throws RiskRefusalError, told to `risk.refused`, if it refuses. */
  #checkRisk(check: (limits: RiskLimits, market: ParentMarket) => RiskRefusal | undefined): void {
    const { risk, instruments } = this.#parts;
    const limits = risk?.limits();
    if (risk === undefined || limits === undefined) return;
    const market: ParentMarket = {
      reference: risk.reference,
      tickSize: (symbol) => instruments?.(symbol)?.tickSize,
    };
    const refusal = check(limits, market);
    if (refusal === undefined) return;
    risk.refused(refusal);
    throw new RiskRefusalError(refusal);
  }

  /** The exposure rules, with the other open parents' leaves as what else may fill. */
  #exposureRefusal(limits: RiskLimits, order: ExposureRequest): RiskRefusal | undefined {
    const own = limitsFor(limits, order.symbol);
    if (this.#exposure === undefined || !hasExposureRules(limits, own)) return undefined;
    return this.#exposure.refusal(limits, own, order);
  }

  /** Refuses a client order ID that an order the store keeps, or one being placed, has. */
  #refuseKnownClientOrderId(clientOrderId: string): void {
    const known = this.#parts.store.page({ clientOrderId, limit: 1 }).orders[0];
    if (known !== undefined || this.#preparedClientOrderIds.has(clientOrderId)) {
      const holder = known === undefined ? 'an order being placed' : `order ${known.orderId}`;
      throw new InstructionError(
        'duplicate_client_order_id',
        known?.orderId,
        `clientOrderId: ${JSON.stringify(clientOrderId)} is taken by ${holder}`,
      );
    }
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
