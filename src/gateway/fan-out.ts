import { extended } from '../market/extended.js';
import type { Forwarder } from './forwarder.js';
import { ShardUnavailable } from './forwarder.js';
import type { LeaseTable } from './lease-table.js';
import type { OwnerRequest } from './owner-request.js';

/** One shard's part of a fanned-out request: its owner's answer, or why it has none. */
export type ShardPart =
  | {
      readonly shard: number;
      readonly owner: string;
      readonly epoch: number;
      readonly status: number;
      readonly body: unknown;
    }
  | { readonly shard: number; readonly error: 'shard_unavailable'; readonly message: string };

/** What the client gets for a fanned-out request: a status, headers, and each shard's part. */
export interface FanOutAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: {
    readonly error?: string;
    readonly message?: string;
    readonly shards: readonly ShardPart[];
  };
}

/**
 * Sends `request` to the owner of every shard at once and reports per shard, in shard order.
 * Used for the per-engine reads (`/v1/risk`, `/v1/trading`, `/v1/venue`, `/v1/limits`: each
 * shard's engine answers for its own orders, so they are shown per shard, named) and for the
 * instructions every engine must get (halt, resume, a trading state, new limits: broadcast).
 * 200 when every shard answered 2xx; 503 `shard_unavailable` with Retry-After when any shard has
 * no live owner or could not be reached (the others did act: a broadcast is not all-or-nothing,
 * so repeat it, with the same Idempotency-Key); otherwise the highest status a shard answered,
 * with that shard's error. Every shard's part is in the body either way.
 */
export async function fanOut(
  table: LeaseTable,
  forwarder: Forwarder,
  request: OwnerRequest,
): Promise<FanOutAnswer> {
  const shards = Array.from({ length: table.shardCount }, (_, shard) => shard);
  const parts = await Promise.all(shards.map((shard) => partOf(forwarder, shard, request)));
  const missing = parts.filter((part) => 'error' in part).map((part) => part.shard);
  if (missing.length > 0) {
    return {
      status: 503,
      headers: { 'retry-after': '1' },
      body: {
        error: 'shard_unavailable',
        message: `shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} unavailable: the others answered; retry with the same Idempotency-Key`,
        shards: parts,
      },
    };
  }
  let worst: ShardPart | undefined;
  for (const part of parts) {
    if (
      'status' in part &&
      part.status >= 300 &&
      (worst === undefined || part.status > statusOf(worst))
    ) {
      worst = part;
    }
  }
  if (worst === undefined || !('status' in worst))
    return { status: 200, headers: {}, body: { shards: parts } };
  const refusal = worst.body as { error?: string; message?: string } | undefined;
  return {
    status: worst.status,
    headers: {},
    body: extended(typeof refusal?.error === 'string' ? { error: refusal.error } : {}, {
      message: `shard ${worst.shard}: ${typeof refusal?.message === 'string' ? refusal.message : `answered ${worst.status}`}`,
      shards: parts,
    }),
  };
}

function statusOf(part: ShardPart): number {
  return 'status' in part ? part.status : 503;
}

async function partOf(
  forwarder: Forwarder,
  shard: number,
  request: OwnerRequest,
): Promise<ShardPart> {
  try {
    const answer = await forwarder.forward(shard, request);
    return {
      shard,
      owner: answer.owner.owner,
      epoch: answer.owner.epoch,
      status: answer.status,
      body: jsonOf(answer.body),
    };
  } catch (error) {
    if (!(error instanceof ShardUnavailable)) throw error;
    return { shard, error: 'shard_unavailable', message: error.message };
  }
}

/** An owner's body as JSON, or as text when it is not JSON. */
export function jsonOf(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
