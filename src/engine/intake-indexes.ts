import { InstructionError } from '../core/errors.js';
import { readClOrdId, readFill } from '../journal/journal-bodies.js';
import type {
  InstructionRecord,
  InstructionRefusedRecord,
  OrderCompletedRecord,
} from '../journal/journal-records.js';
import type { JournalRow } from '../journal/journal-row.js';
import type { AppliedFills } from './applied-fills.js';
import type { IdempotencyIndex } from './idempotency-index.js';

/**
 * Rebuilds, from the journal's rows read oldest first, what intake keeps in memory: the answered
 * Idempotency-Keys (from instruction rows, or the answer recorded with the refusal when the engine
 * refused an instruction it had journaled) and the children and fills of parents still live (a
 * completed parent's are dropped). A new order's refusal journaled without its answer (by exo
 * before it kept one) is remembered as the refusal it was, `invalid_instruction`, for the server
 * to answer a retry with.
 */
export function rebuildIntakeIndexes(
  rows: Iterable<JournalRow>,
  idempotency: IdempotencyIndex,
  fills: AppliedFills,
): void {
  const keyOfOrder = new Map<string, InstructionRecord['idempotency']>();
  // Fill rows are read only for the parents still live at the end: most belong to completed ones.
  const fillRows = new Map<string, JournalRow[]>();
  for (const row of rows) {
    switch (row.kind) {
      case 'instruction_accepted': {
        const record = (row.body as unknown as InstructionRecord).idempotency;
        if (record === undefined) break;
        idempotency.remember(record);
        if ((row.body as unknown as InstructionRecord).msgType === 'new') {
          keyOfOrder.set(row.orderId, record);
        }
        break;
      }
      case 'instruction_refused': {
        // A replace or cancel refused after it was journaled: a retry is answered the refusal.
        const record = (row.body as unknown as InstructionRefusedRecord).idempotency;
        if (record !== undefined) idempotency.remember(record);
        break;
      }
      case 'child_intent':
        fills.child(row.orderId, readClOrdId(row.body));
        break;
      case 'fill': {
        const held = fillRows.get(row.orderId);
        if (held === undefined) fillRows.set(row.orderId, [row]);
        else held.push(row);
        break;
      }
      case 'order_completed': {
        fills.forget(row.orderId);
        fillRows.delete(row.orderId);
        const { refusal, idempotency: answered } = row.body as unknown as OrderCompletedRecord;
        const record = keyOfOrder.get(row.orderId);
        if (answered !== undefined) idempotency.remember(answered);
        else if (refusal !== undefined && record !== undefined) {
          const refused = new InstructionError('invalid_instruction', row.orderId, refusal);
          idempotency.rememberRefused(record.key, record.requestHash, refused);
        }
        keyOfOrder.delete(row.orderId);
        break;
      }
      default:
        break;
    }
  }
  for (const [orderId, held] of fillRows) {
    for (const row of held) {
      // An unmatched fill was never applied to any child: it is no live child's fill.
      const fill = readFill(row.body);
      if (!fill.unmatched) fills.remember(orderId, row.idempotencyKey, fill);
    }
  }
}
