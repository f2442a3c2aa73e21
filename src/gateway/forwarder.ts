import { HttpError } from '../server/http-error.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { LeaseTable, ShardOwner } from './lease-table.js';
import {
  type OwnerAnswer,
  type OwnerOutcome,
  type OwnerRequest,
  sendToOwner,
} from './owner-request.js';

/** How long an owner has to answer a forwarded request unless told. */
export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000;

/** How long a client is told to wait before retrying an unavailable shard. */
const RETRY_AFTER_SECONDS = '1';

/** An owner's answer, with the owner that gave it. */
export interface ForwardedAnswer extends OwnerAnswer {
  readonly owner: ShardOwner;
}

/**
 * A shard could not take the request: no live owner, owner unreachable, reset, timed out, or
 * answering 503 or `wrong_shard` (it no longer owns the shard). Answered 503 `shard_unavailable`
 * with `Retry-After` and the shard named in the body.
 */
export class ShardUnavailable extends HttpError {
  constructor(
    readonly shard: number,
    why: string,
  ) {
    super('shard_unavailable', `shard ${shard}: ${why}; retry with the same Idempotency-Key`, {
      'retry-after': RETRY_AFTER_SECONDS,
    });
  }

  override get body() {
    return { ...super.body, shard: this.shard };
  }
}

/**
 * Sends requests to the live owner of a shard, as the lease table names it. A request is sent
 * again only when the connection was refused before any of it left (after re-reading the lease
 * table, to the owner it names then); anything that may have reached the owner is never repeated
 * here, as the owner may have journaled it: the client repeats it with its Idempotency-Key and the
 * owner answers it once. Every failure re-reads the lease table at once.
 */
export class Forwarder {
  constructor(
    private readonly table: LeaseTable,
    private readonly metrics: GatewayMetrics,
    private readonly timeoutMs = DEFAULT_FORWARD_TIMEOUT_MS,
  ) {}

  /** The owner's answer to `request`; throws ShardUnavailable when the shard cannot take it. */
  async forward(shard: number, request: OwnerRequest): Promise<ForwardedAnswer> {
    try {
      const answer = await this.#forward(shard, request);
      this.metrics.forwards.inc({ shard: String(shard), status: String(answer.status) });
      return answer;
    } catch (error) {
      if (error instanceof ShardUnavailable) {
        this.metrics.forwards.inc({ shard: String(shard), status: '503' });
        this.metrics.unavailable.inc({ shard: String(shard) });
      }
      throw error;
    }
  }

  async #forward(shard: number, request: OwnerRequest): Promise<ForwardedAnswer> {
    let owner = await this.#ownerOf(shard);
    let outcome = await sendToOwner(owner.address, request, this.timeoutMs);
    if (outcome.kind === 'refused') {
      // Nothing left: sending again is safe, to whoever owns the shard now.
      await this.#refresh();
      owner = this.#liveOwner(shard, `its owner ${owner.owner} refused the connection`);
      outcome = await sendToOwner(owner.address, request, this.timeoutMs);
    }
    return this.#answer(shard, owner, outcome);
  }

  /** The owner's answer, or ShardUnavailable when it gave none the client can use. */
  async #answer(shard: number, owner: ShardOwner, outcome: OwnerOutcome): Promise<ForwardedAnswer> {
    if (outcome.kind !== 'answered') {
      await this.#refresh();
      const what = outcome.kind === 'refused' ? 'refused the connection' : 'did not answer';
      throw new ShardUnavailable(shard, `its owner ${owner.owner} ${what} (${outcome.reason})`);
    }
    const { answer } = outcome;
    if (answer.status === 503) {
      await this.#refresh();
      throw new ShardUnavailable(shard, `its owner ${owner.owner} is unavailable (503)`);
    }
    if (answer.status === 421 && isWrongShard(answer.body)) {
      await this.#refresh();
      throw new ShardUnavailable(shard, `${owner.owner} no longer owns it`);
    }
    return { ...answer, owner };
  }

  /** The shard's live owner, re-reading the lease table once when it names none. */
  async #ownerOf(shard: number): Promise<ShardOwner> {
    if (this.table.owner(shard) === undefined) await this.#refresh();
    return this.#liveOwner(shard, 'no live owner in the lease table');
  }

  #liveOwner(shard: number, why: string): ShardOwner {
    const owner = this.table.owner(shard);
    if (owner === undefined) throw new ShardUnavailable(shard, why);
    return owner;
  }

  /** Re-reads the lease table; a failed read keeps the view it had. */
  async #refresh(): Promise<void> {
    await this.table.refresh().catch(() => undefined);
  }
}

/** Whether an owner's 421 is its `wrong_shard` refusal (and not, say, a Host refusal). */
function isWrongShard(body: Buffer): boolean {
  try {
    return (JSON.parse(body.toString('utf8')) as { error?: unknown }).error === 'wrong_shard';
  } catch {
    return false;
  }
}
