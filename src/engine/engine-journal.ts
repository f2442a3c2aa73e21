import { InstructionError } from '../core/errors.js';
import type { Journal } from '../journal/journal.js';
import { JournalUnavailableError } from '../journal/journal-errors.js';
import {
  type CheckpointRecord,
  type IdempotencyRecord,
  type InstructionRecord,
  type InstructionRefusedRecord,
  journalKeys,
  type OrderCompletedRecord,
} from '../journal/journal-records.js';
import type { JournalEntry } from '../journal/journal-row.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { IntakeClosedError } from './intake-closed-error.js';

/** What the engine's journal writer needs besides the journal. */
export interface EngineJournalOptions {
  /** Numbers unique across restarts, for instruction and checkpoint keys. */
  readonly nextNumber: () => number;
  /** Told once, when the journal is found unable to write. */
  readonly onUnavailable: (error: JournalUnavailableError) => void;
  /** Told of a row the journal refused (a checkpoint that is not JSON, say). */
  readonly onRefused: (error: unknown) => void;
}

/**
 * The engine's side of the journal: the rows of instructions, delegate checkpoints and completed
 * orders (the venue's rows are the JournaledVenue's), and the one place that learns the journal
 * failed, from any append that was refused for it.
 */
export class EngineJournal {
  readonly journal: Journal;
  readonly #options: EngineJournalOptions;
  #unavailable: JournalUnavailableError | undefined;

  constructor(journal: Journal, options: EngineJournalOptions) {
    this.journal = journal;
    this.#options = options;
  }

  /** Why the journal stopped writing, once the engine has seen it fail. */
  get unavailable(): JournalUnavailableError | undefined {
    return this.#unavailable ?? this.journal.unavailable;
  }

  /**
   * Journals an accepted instruction (the whole order as it is then) and resolves once the row
   * committed. Rejects with IntakeClosedError when the journal cannot write, and with an
   * InstructionError when the request's Idempotency-Key was already journaled. Resolves with the
   * row's idempotency key, which names the instruction in a later refusal.
   */
  async instruction(order: ParentOrder, idempotency?: IdempotencyRecord): Promise<string> {
    const body = instructionRecord(order, idempotency);
    const idempotencyKey =
      idempotency === undefined
        ? journalKeys.instruction(order.orderId, this.#options.nextNumber())
        : journalKeys.request(idempotency.key);
    let duplicate: boolean;
    try {
      ({ duplicate } = await this.journal.append({
        orderId: order.orderId,
        kind: 'instruction_accepted',
        idempotencyKey,
        body,
        ...(order.time === undefined ? {} : { time: order.time }),
      }));
    } catch (error) {
      this.noteFailure(error);
      const reason = this.unavailable?.message ?? String(error);
      throw new IntakeClosedError('journal_unavailable', reason);
    }
    if (duplicate) {
      throw new InstructionError(
        'invalid_instruction',
        order.orderId,
        `Idempotency-Key ${JSON.stringify(idempotency?.key)} was already used`,
      );
    }
    return idempotencyKey;
  }

  /** Journals that the dispatcher refused the instruction journaled under `instructionKey`. */
  refused(orderId: string, instructionKey: string, refusal: InstructionRefusedRecord): void {
    this.#append({
      orderId,
      kind: 'instruction_refused',
      idempotencyKey: journalKeys.refused(instructionKey),
      body: refusal,
    });
  }

  /** Journals a delegate's checkpoint. */
  checkpoint(order: ParentOrder, state: unknown): void {
    const body: CheckpointRecord = { state: state as CheckpointRecord['state'] };
    this.#append({
      orderId: order.orderId,
      kind: 'checkpoint',
      idempotencyKey: journalKeys.checkpoint(order.orderId, this.#options.nextNumber()),
      body,
    });
  }

  /**
   * Journals that an order completed, with its final text (why it was rejected); or, when it was
   * refused before it ever ran, why, and the Idempotency-Key's answer. `time` is when the order
   * ended as it shows it (its updatedAt), the clock's now when not known.
   */
  completed(
    orderId: string,
    status: OrdStatus,
    why?: Omit<OrderCompletedRecord, 'status'>,
    time?: number,
  ): void {
    const body: OrderCompletedRecord = { status, ...why };
    this.#append({
      orderId,
      kind: 'order_completed',
      idempotencyKey: journalKeys.completed(orderId),
      body,
      ...(time === undefined ? {} : { time }),
    });
  }

  /** Resolves once every row appended so far committed (the output-commit gate). */
  committed(): Promise<void> {
    return this.journal.committed();
  }

  /** Looks at an append's failure: a journal that cannot write closes intake, once. */
  noteFailure(error: unknown): void {
    const failure = error instanceof JournalUnavailableError ? error : this.journal.unavailable;
    if (failure === undefined) {
      this.#options.onRefused(error);
      return;
    }
    if (this.#unavailable !== undefined) return;
    this.#unavailable = failure;
    this.#options.onUnavailable(failure);
  }

  #append(entry: JournalEntry): void {
    this.journal.append(entry).catch((error: unknown) => this.noteFailure(error));
  }
}

/** The instruction row's body: the order with decimals as strings. */
function instructionRecord(
  order: ParentOrder,
  idempotency: IdempotencyRecord | undefined,
): InstructionRecord {
  return {
    msgType: order.msgType,
    orderId: order.orderId,
    side: order.side,
    symbol: order.symbol,
    quantity: order.quantity.toString(),
    ...(order.limitPrice === undefined ? {} : { limitPrice: order.limitPrice.toString() }),
    algo: order.algo,
    // Parameters arrive as parsed JSON, so they are JSON values.
    params: order.params as InstructionRecord['params'],
    ...(order.clientOrderId === undefined ? {} : { clientOrderId: order.clientOrderId }),
    ...(idempotency === undefined ? {} : { idempotency }),
  };
}
