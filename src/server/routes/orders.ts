import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { NewOrderRequest, ReplaceOrderRequest } from '../../engine/order-request.js';
import type { OrdStatus } from '../../market/ord-status.js';
import { parsePositiveDecimal, parseSide } from '../../market/parse-field.js';
import { HttpError, toHttpError } from '../http-error.js';
import { journaledMutation } from '../journaled-mutation.js';
import { orderSummaryToJSON, orderToJSON } from '../order-json.js';
import {
  errorResponses,
  listOrdersQuery,
  newOrderBody,
  orderIdParams,
  replaceOrderBody,
} from '../schemas.js';
import { waitingFor } from '../waiting-for.js';

/** `POST /v1/orders` after schema validation: decimals and side still as text. */
interface NewOrderBody {
  readonly side: string;
  readonly symbol: string;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly algo: string;
  readonly params?: Record<string, unknown>;
}

/** `PATCH /v1/orders/:id` after schema validation. */
interface ReplaceOrderBody {
  readonly quantity?: string;
  readonly limitPrice?: string;
  readonly side?: string;
  readonly symbol?: string;
}

interface OrderIdParams {
  readonly id: string;
}

interface ListOrdersQuery {
  readonly status?: OrdStatus;
  readonly limit?: string;
}

const security = [{ bearer: [] }];

/** The order routes: place, list, show, replace and cancel parent orders. */
export function orderRoutes(engine: Engine) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post<{ Body: NewOrderBody }>(
      '/v1/orders',
      {
        schema: {
          summary: 'Place a parent order, worked by an algorithm',
          tags: ['orders'],
          security,
          body: newOrderBody,
          response: {
            201: { $ref: 'Order#' },
            ...errorResponses(
              'unauthorized',
              'invalid_request',
              'body_too_large',
              'unsupported_media_type',
              'idempotency_key_reused',
              'invalid_instruction',
              'recovering',
              'journal_unavailable',
              'stopped',
            ),
          },
        },
      },
      async (request, reply) =>
        journaledMutation(engine, request, reply, 201, () =>
          engine.intake.prepareNew(parseNewOrder(request.body)),
        ),
    );

    app.get<{ Querystring: ListOrdersQuery }>(
      '/v1/orders',
      {
        schema: {
          summary: 'List orders, newest first, optionally by status',
          tags: ['orders'],
          security,
          querystring: listOrdersQuery,
          response: {
            200: { type: 'array', items: { $ref: 'OrderSummary#' } },
            ...errorResponses('invalid_request', 'unauthorized'),
          },
        },
      },
      async (request) => {
        const { status, limit } = request.query;
        const orders = engine.store.list({
          ...(status === undefined ? {} : { status }),
          ...(limit === undefined ? {} : { limit: Number(limit) }),
        });
        return orders.map((order) => ({
          ...orderSummaryToJSON(order),
          ...waitingFor(engine, order),
        }));
      },
    );

    app.get<{ Params: OrderIdParams }>(
      '/v1/orders/:id',
      {
        schema: {
          summary: 'Show an order with its child orders and fills',
          tags: ['orders'],
          security,
          params: orderIdParams,
          response: { 200: { $ref: 'Order#' }, ...errorResponses('unauthorized', 'unknown_order') },
        },
      },
      async (request) => {
        const order = engine.store.get(request.params.id);
        if (order === undefined) {
          throw new HttpError('unknown_order', `no order ${request.params.id}`);
        }
        return { ...orderToJSON(order), ...waitingFor(engine, order) };
      },
    );

    app.patch<{ Params: OrderIdParams; Body: ReplaceOrderBody }>(
      '/v1/orders/:id',
      {
        schema: {
          summary: 'Change the quantity and/or limit price of a working order',
          tags: ['orders'],
          security,
          params: orderIdParams,
          body: replaceOrderBody,
          response: {
            202: { $ref: 'Order#' },
            ...errorResponses(
              'unauthorized',
              'invalid_request',
              'body_too_large',
              'unsupported_media_type',
              'idempotency_key_reused',
              'unknown_order',
              'side_changed',
              'symbol_changed',
              'order_completed',
              'replace_after_cancel',
              'recovering',
              'journal_unavailable',
              'stopped',
            ),
          },
        },
      },
      async (request, reply) =>
        journaledMutation(engine, request, reply, 202, () =>
          engine.intake.prepareReplace(request.params.id, parseReplace(request.body)),
        ),
    );

    app.delete<{ Params: OrderIdParams }>(
      '/v1/orders/:id',
      {
        schema: {
          summary: 'Cancel a working order',
          tags: ['orders'],
          security,
          params: orderIdParams,
          response: {
            202: { $ref: 'Order#' },
            ...errorResponses(
              'unauthorized',
              'invalid_request',
              'idempotency_key_reused',
              'unknown_order',
              'order_completed',
              'cancel_pending',
              'recovering',
              'journal_unavailable',
              'stopped',
            ),
          },
        },
      },
      async (request, reply) =>
        journaledMutation(engine, request, reply, 202, () =>
          engine.intake.prepareCancel(request.params.id),
        ),
    );
  };
}

/** Runs an engine call, turning its refusals into HTTP errors. */
function act<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw toHttpError(error);
  }
}

function parseNewOrder(body: NewOrderBody): NewOrderRequest {
  return act(() => {
    const request: NewOrderRequest = {
      side: parseSide(body.side, 'side'),
      symbol: body.symbol,
      quantity: parsePositiveDecimal(body.quantity, 'quantity'),
      algo: body.algo,
      params: body.params ?? {},
    };
    return body.limitPrice === undefined
      ? request
      : { ...request, limitPrice: parsePositiveDecimal(body.limitPrice, 'limitPrice') };
  });
}

function parseReplace(body: ReplaceOrderBody): ReplaceOrderRequest {
  return act(() => {
    const changes: {
      -readonly [K in keyof ReplaceOrderRequest]: ReplaceOrderRequest[K];
    } = {};
    if (body.quantity !== undefined)
      changes.quantity = parsePositiveDecimal(body.quantity, 'quantity');
    if (body.limitPrice !== undefined) {
      changes.limitPrice = parsePositiveDecimal(body.limitPrice, 'limitPrice');
    }
    if (body.side !== undefined) changes.side = parseSide(body.side, 'side');
    if (body.symbol !== undefined) changes.symbol = body.symbol;
    return changes;
  });
}
