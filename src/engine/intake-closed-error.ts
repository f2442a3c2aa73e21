/** Why intake is closed: the engine is still recovering, or its journal can no longer write. */
export type IntakeClosedReason = 'recovering' | 'journal_unavailable';

/**
 * An instruction refused because the engine takes none now: still recovering after a restart
 * (retry shortly), or its journal failed (nothing can be made durable, so nothing is accepted).
 */
export class IntakeClosedError extends Error {
  override readonly name = 'IntakeClosedError';

  constructor(
    readonly reason: IntakeClosedReason,
    message: string,
  ) {
    super(message);
  }
}

/** Whether intake takes instructions, and if not why: the part of `/healthz` intake answers for. */
export interface IntakeHealth {
  /** `ok` once ready; `recovering` until then; `journal_unavailable` once the journal failed. */
  readonly status: 'ok' | IntakeClosedReason;
  /** Why it is not ok, in words. */
  readonly reason?: string;
}
