import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { NewOrderRequest, ReplaceOrderRequest } from '../../engine/order-request.js';
import { extended } from '../../market/extended.js';
import type { OrdStatus } from '../../market/ord-status.js';
import { parsePositiveDecimal, parseSide } from '../../market/parse-field.js';
import { HttpError, toHttpError } from '../http-error.js';
import { journaledMutation } from '../journaled-mutation.js';
import { orderSummaryToJSON, orderToJSON } from '../order-json.js';
import {
  errorResponses,
  listOrdersQuery,
  NEXT_CURSOR_HEADER,
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
  readonly clientOrderId?: string;
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

/** `GET /v1/orders`'s query: `status` is one or several, comma-separated (a repeat is joined). */
interface ListOrdersQuery {
  status?: string | string[];
  readonly limit?: string;
  readonly cursor?: string;
  readonly clientOrderId?: string;
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
            201: { description: 'The order, as accepted.', $ref: 'Order#' },
            ...errorResponses(
              'unauthorized',
              'invalid_request',
              'body_too_large',
              'unsupported_media_type',
              'idempotency_key_reused',
              'invalid_instruction',
              'risk_limit',
              'duplicate_client_order_id',
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
          summary: 'List orders, newest first, optionally by status, a page at a time',
          tags: ['orders'],
          security,
          querystring: listOrdersQuery,
          response: {
            200: {
              description: 'A page of orders, newest first, without children and fills.',
              type: 'array',
              items: { $ref: 'OrderSummary#' },
              headers: {
                [NEXT_CURSOR_HEADER]: {
                  type: 'string',
                  description: 'Set when more orders follow: the `cursor` of the next page.',
                },
              },
            },
            ...errorResponses('invalid_request', 'unauthorized'),
          },
        },
        preValidation: async (request) => {
          const { status } = request.query;
          if (Array.isArray(status)) request.query.status = status.join(',');
        },
      },
      async (request, reply) => {
        const { status, limit, cursor, clientOrderId } = request.query;
        const page = engine.store.page({
          // The schema let through only statuses, comma-separated.
          ...(typeof status === 'string' ? { statuses: status.split(',') as OrdStatus[] } : {}),
          ...(limit === undefined ? {} : { limit: Number(limit) }),
          ...(cursor === undefined ? {} : { before: Number(cursor) }),
          ...(clientOrderId === undefined ? {} : { clientOrderId }),
        });
        if (page.next !== undefined) reply.header(NEXT_CURSOR_HEADER, String(page.next));
        return page.orders.map((order) =>
          extended(orderSummaryToJSON(order), waitingFor(engine, order)),
        );
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
          response: {
            200: { description: 'The order, with its children and fills.', $ref: 'Order#' },
            ...errorResponses('unauthorized', 'unknown_order'),
          },
        },
      },
      async (request) => {
        const order = engine.store.get(request.params.id);
        if (order === undefined) {
          throw new HttpError('unknown_order', `no order ${request.params.id}`);
        }
        return extended(orderToJSON(order), waitingFor(engine, order));
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
            202: {
              description: 'The replace was accepted: the order as it stands.',
              $ref: 'Order#',
            },
            ...errorResponses(
              'unauthorized',
              'invalid_request',
              'body_too_large',
              'unsupported_media_type',
              'idempotency_key_reused',
              'unknown_order',
              'side_changed',
              'symbol_changed',
              'invalid_instruction',
              'risk_limit',
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
            202: {
              description: 'The cancel was accepted: the order as it stands.',
              $ref: 'Order#',
            },
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
      ...(body.clientOrderId === undefined ? {} : { clientOrderId: body.clientOrderId }),
    };
    return body.limitPrice === undefined
      ? request
      : extended(request, { limitPrice: parsePositiveDecimal(body.limitPrice, 'limitPrice') });
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
