import type { InstructionError } from '../core/errors.js';
import type { IdempotencyRecord } from '../journal/journal-records.js';
import type { JsonValue } from '../journal/journal-row.js';

/** A response kept for an Idempotency-Key: its status and its body. */
export interface StoredResponse {
  readonly status: number;
  readonly body: JsonValue;
}

/** What `claim` found for a key. */
export type Claim =
  /** The key is new: the caller runs the request, then settles or abandons the claim. */
  | {
      readonly kind: 'claimed';
      settle(response: StoredResponse): void;
      abandon(error: unknown): void;
    }
  /** The same request was made with this key: its response (once answered, if still in flight). */
  | { readonly kind: 'replay'; readonly response: Promise<StoredResponse> }
  /** The key was used for another request. */
  | { readonly kind: 'conflict' };

interface Entry {
  readonly requestHash: string;
  readonly response: Promise<StoredResponse>;
}

/**
 * The Idempotency-Keys the engine has answered, with their responses: a retried request gets the
 * stored response instead of a second order. A key still in flight is claimed too, so a repeat
 * sent concurrently waits for the first answer rather than racing it. Rebuilt from the journal's
 * instruction rows at startup (see `rebuildIntakeIndexes`).
 */
export class IdempotencyIndex {
  readonly #entries = new Map<string, Entry>();

  /** Claims `key` for a request with `requestHash`, or says why it cannot be claimed. */
  claim(key: string, requestHash: string): Claim {
    const known = this.#entries.get(key);
    if (known !== undefined) {
      return known.requestHash === requestHash
        ? { kind: 'replay', response: known.response }
        : { kind: 'conflict' };
    }
    let settle!: (response: StoredResponse) => void;
    let fail!: (error: unknown) => void;
    const response = new Promise<StoredResponse>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    // A rejection nobody waits for (no concurrent repeat) must not surface as unhandled.
    response.catch(() => undefined);
    this.#entries.set(key, { requestHash, response });
    return {
      kind: 'claimed',
      settle,
      abandon: (error) => {
        this.#entries.delete(key);
        fail(error);
      },
    };
  }

  /** Keeps an answered request read back from the journal. */
  remember(record: IdempotencyRecord): void {
    const response = Promise.resolve({ status: record.status, body: record.response });
    this.#entries.set(record.key, { requestHash: record.requestHash, response });
  }

  /**
   * Keeps a request read back from the journal whose answer was not journaled, only the engine's
   * refusal: a replay's response rejects with `refusal`, for the caller to answer as it answers
   * refusals.
   */
  rememberRefused(key: string, requestHash: string, refusal: InstructionError): void {
    const response = Promise.reject(refusal);
    // A rejection nobody waits for (no retry of this key) must not surface as unhandled.
    response.catch(() => undefined);
    this.#entries.set(key, { requestHash, response });
  }

  /** How many keys are known. */
  get size(): number {
    return this.#entries.size;
  }
}
