/** Why the dispatcher refused an instruction. */
export type InstructionErrorCode =
  | 'duplicate_order_id'
  | 'duplicate_client_order_id'
  | 'unknown_order'
  | 'order_completed'
  | 'side_changed'
  | 'symbol_changed'
  | 'replace_after_cancel'
  | 'cancel_pending'
  | 'invalid_instruction'
  | 'stopped';

/**
 * An instruction the dispatcher refused, synchronously, before queueing anything.
 * The code lets callers (the HTTP API, say) map it to a status without parsing messages.
 */
export class InstructionError extends Error {
  override readonly name = 'InstructionError';

  constructor(
    readonly code: InstructionErrorCode,
    readonly orderId: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Where an error the engine caught (and carried on past) came from. */
export type EngineErrorSource =
  | 'delegate'
  | 'cleanup'
  | 'report'
  | 'subscription'
  | 'observer'
  | 'journal'
  | 'recovery';

/** An error the engine reported instead of throwing: the process, and every other order, carry on. */
export interface EngineError {
  readonly source: EngineErrorSource;
  /** The order concerned, when there is one. */
  readonly orderId?: string;
  /** The symbol concerned, for subscription errors. */
  readonly symbol?: string;
  readonly error: unknown;
  readonly message: string;
}
