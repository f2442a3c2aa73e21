import {
  type InstructionBody,
  readCompletion,
  readInstruction,
} from '../journal/journal-bodies.js';
import { JournalReader } from '../journal/journal-reader.js';
import type { JournalRow } from '../journal/journal-row.js';
import { openJournalDatabase } from '../journal/journal-schema.js';
import { decimalToJSON } from '../market/json.js';
import { ParseError } from '../market/parse-error.js';
import type { ReplayAmend, ReplayOrder } from './replay-order.js';
import { ReplayOrdersError } from './replay-orders-error.js';

/** The parents a live journal holds, as replay's orders, and the ones it leaves out and why. */
export interface JournalOrders {
  readonly orders: ReplayOrder[];
  /** Orders the engine refused after journaling them (the client never had them): not replayed. */
  readonly refused: readonly string[];
}

/** Microseconds per millisecond: journal rows are stamped in ms. */
const US_PER_MS = 1_000;

/**
 * Reads the parent orders of a live exo journal (a SQLite file) for `--orders-from-journal`: each
 * parent's arrival (its `new` row's time), terms, algorithm and params, its replaces as amends
 * (with the terms asked for, whether the live engine then took them or not: the replay decides
 * again) and its first cancel; ref is the live order ID. Oldest first. The file is checked as
 * `exo journal check` does and not changed. Throws a ReplayOrdersError naming the file and row for
 * a row replay cannot follow, a JournalFileError or JournalSchemaError for a file that is not one.
 */
export function readJournalOrders(path: string): JournalOrders {
  const db = openJournalDatabase(path, { create: false, exclusive: false });
  try {
    db.pragma('query_only = ON');
    const orders = new Map<string, Draft>();
    const refused: string[] = [];
    for (const row of new JournalReader(db, path).from(0)) {
      try {
        fold(orders, refused, row);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        throw new ReplayOrdersError(path, `row ${row.sequence}`, error.message);
      }
    }
    return { orders: Array.from(orders.values(), finish), refused };
  } finally {
    db.close();
  }
}

/** An order as its rows have been read so far. */
interface Draft {
  readonly order: Omit<ReplayOrder, 'amends' | 'cancelAtUs'>;
  readonly amends: ReplayAmend[];
  cancelAtUs: number | undefined;
}

function fold(orders: Map<string, Draft>, refused: string[], row: JournalRow): void {
  if (row.kind === 'order_completed' && readCompletion(row.body).refused) {
    if (orders.delete(row.orderId)) refused.push(row.orderId);
    return;
  }
  if (row.kind !== 'instruction_accepted') return;
  const instruction = readInstruction(row.body);
  const atUs = row.time * US_PER_MS;
  const draft = orders.get(row.orderId);
  if (instruction.msgType === 'new') {
    if (draft === undefined)
      orders.set(row.orderId, {
        order: begin(row.orderId, instruction, atUs),
        amends: [],
        cancelAtUs: undefined,
      });
    return;
  }
  if (draft === undefined) {
    throw new ParseError(
      'body.msgType',
      `a ${instruction.msgType} for ${row.orderId}, whose new order the journal no longer holds`,
    );
  }
  if (instruction.msgType === 'cancel') {
    draft.cancelAtUs ??= atUs;
    return;
  }
  if (instruction.limitPrice === undefined && draft.order.limitPrice !== undefined) {
    throw new ParseError(
      'body.limitPrice',
      `a replace of ${row.orderId} that removes its limit price, which replay's amends cannot express`,
    );
  }
  draft.amends.push({
    atUs,
    quantity: decimalToJSON(instruction.quantity),
    ...(instruction.limitPrice === undefined
      ? {}
      : { limitPrice: decimalToJSON(instruction.limitPrice) }),
  });
}

function begin(orderId: string, instruction: InstructionBody, startUs: number): Draft['order'] {
  const { symbol, side, quantity, limitPrice, algo, params } = instruction;
  return {
    ref: orderId,
    symbol,
    side,
    quantity: decimalToJSON(quantity),
    ...(limitPrice === undefined ? {} : { limitPrice: decimalToJSON(limitPrice) }),
    algo,
    params,
    startUs,
  };
}

function finish(draft: Draft): ReplayOrder {
  const { order, amends, cancelAtUs } = draft;
  return { ...order, amends, ...(cancelAtUs === undefined ? {} : { cancelAtUs }) };
}
