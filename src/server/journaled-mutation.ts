import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InstructionError } from '../core/errors.js';
import type { Engine } from '../engine/engine.js';
import type { StoredResponse } from '../engine/idempotency-index.js';
import type { PreparedInstruction } from '../engine/intake.js';
import type { JsonValue } from '../journal/journal-row.js';
import { crashPoint } from '../util/crash-points.js';
import { HttpError, toHttpError } from './http-error.js';
import { orderToJSON } from './order-json.js';
import { requestHash } from './request-hash.js';

/** The header a client sends to make a mutating request safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** The header set on an answer repeated for a retried Idempotency-Key. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Visible ASCII, 1 to 255 characters: what an Idempotency-Key may be. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs a mutating request (new order, replace, cancel) the durable way: intake must be open; the
 * instruction is checked (`prepare`, synchronous: a refusal writes nothing), journaled, submitted
 * once committed, and answered with `status` and the order as of its acceptance. With an
 * Idempotency-Key, the same request again gets the same answer (marked `Idempotent-Replayed`),
 * even while the first is still in flight, and the key with another request gets 422.
 */
export async function journaledMutation(
  engine: Engine,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  prepare: () => PreparedInstruction,
): Promise<FastifyReply> {
  act(() => engine.intake.assertOpen());
  const key = idempotencyKeyOf(request);
  if (key === undefined) {
    const prepared = act(prepare);
    const refusal = await actAsync(engine.intake.commit(prepared));
    if (refusal !== undefined) throw toHttpError(refusal);
    crashPoint('commit-before-reply');
    return reply.code(status).send(orderToJSON(prepared.state));
  }
  const hash = requestHash(request.method, request.url, request.body);
  const claim = engine.intake.idempotency.claim(key, hash);
  if (claim.kind === 'conflict') {
    throw new HttpError(
      'idempotency_key_reused',
      `Idempotency-Key ${JSON.stringify(key)} was already used with a different request`,
    );
  }
  if (claim.kind === 'replay') {
    // A refusal remembered without its answer (see `rebuildIntakeIndexes`) is answered afresh,
    // without `Idempotent-Replayed`.
    const stored = await actAsync(claim.response);
    return reply.code(stored.status).header(REPLAYED_HEADER, 'true').send(stored.body);
  }
  let answer: StoredResponse;
  try {
    const prepared = act(prepare);
    answer = { status, body: orderToJSON(prepared.state) as unknown as JsonValue };
    const record = { key, requestHash: hash, ...toRecord(answer) };
    const refusal = await engine.intake.commit(prepared, record, (refused) =>
      toRecord(refusedAnswer(refused)),
    );
    if (refusal !== undefined) answer = refusedAnswer(refusal);
  } catch (error) {
    const httpError = toHttpError(error);
    claim.abandon(httpError);
    throw httpError;
  }
  claim.settle(answer);
  crashPoint('commit-before-reply');
  return reply.code(answer.status).send(answer.body);
}

/** The request's Idempotency-Key, if it sent one; 400 for one that is not visible ASCII. */
function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new HttpError(
      'invalid_request',
      'Idempotency-Key: expected one value of 1 to 255 visible ASCII characters',
    );
  }
  return value;
}

/**
 * What an instruction the engine refused after journaling it is answered, then and on every retry
 * (the answer is journaled with the refusal): the refusal as it reads over HTTP.
 */
function refusedAnswer(refusal: InstructionError): StoredResponse {
  const error = toHttpError(refusal);
  return { status: error.statusCode, body: error.body };
}

function toRecord(answer: StoredResponse): { status: number; response: JsonValue } {
  return { status: answer.status, response: answer.body };
}

/** Runs an engine call, turning its refusals into HTTP errors. */
function act<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw toHttpError(error);
  }
}

async function actAsync<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw toHttpError(error);
  }
}
