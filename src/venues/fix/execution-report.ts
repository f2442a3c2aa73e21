import type { FixMessage } from '../../fix/message.js';
import { parseUtcTimestamp } from '../../fix/timestamp.js';
import { type Decimal, decimal } from '../../market/decimal.js';
import type { ExecType } from '../../market/exec-type.js';
import type { OrdStatus } from '../../market/ord-status.js';
import { AppTag } from './app-tags.js';
import { execTypeOf, ordStatusOf } from './fix-enums.js';

/** An ExecutionReport (8) read into exo's terms, still naming the order by its wire ClOrdIDs. */
export interface FixExecution {
  readonly wire: string | undefined;
  readonly origWire: string | undefined;
  readonly orderId: string | undefined;
  readonly execId: string;
  readonly execType: ExecType;
  readonly status: OrdStatus;
  readonly orderQty?: string;
  readonly price?: string;
  readonly lastQty?: Decimal;
  readonly lastPx?: Decimal;
  readonly cumQty?: Decimal;
  readonly leavesQty?: Decimal;
  readonly avgPx?: Decimal;
  readonly transactTime: number | undefined;
  readonly text?: string;
  /** OrdRejReason (103): 5 says the venue does not know the order. */
  readonly ordRejReason?: string;
  /** The OrdStatusReqID (790) or MassStatusReqID (584) a status report answers. */
  readonly statusReqId?: string;
  readonly totNumReports?: number;
  readonly lastRptRequested: boolean;
}

/** Thrown for an ExecutionReport exo cannot read: names the tag and the value. */
export class ExecutionReportError extends Error {
  override readonly name = 'ExecutionReportError';
}

/** Reads an ExecutionReport; throws ExecutionReportError naming what is missing or malformed. */
export function readExecution(message: FixMessage): FixExecution {
  const execId = message.get(AppTag.ExecID);
  if (execId === undefined) throw new ExecutionReportError('ExecutionReport without ExecID (17)');
  const execType = execTypeOf(message.get(AppTag.ExecType));
  if (execType === undefined) {
    throw new ExecutionReportError(`unsupported ExecType (150) ${message.get(AppTag.ExecType)}`);
  }
  const amount = (tag: number): Decimal | undefined => {
    const text = message.get(tag);
    if (text === undefined) return undefined;
    try {
      return decimal(text);
    } catch {
      throw new ExecutionReportError(`tag ${tag} is not a decimal: ${JSON.stringify(text)}`);
    }
  };
  const cumQty = amount(AppTag.CumQty);
  const status = ordStatusOf(message.get(AppTag.OrdStatus), cumQty?.gt(0) ?? false);
  if (status === undefined) {
    throw new ExecutionReportError(`unsupported OrdStatus (39) ${message.get(AppTag.OrdStatus)}`);
  }
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  const transact = message.get(AppTag.TransactTime);
  return {
    wire: message.get(AppTag.ClOrdID),
    origWire: message.get(AppTag.OrigClOrdID),
    orderId: message.get(AppTag.OrderID),
    execId,
    execType,
    status,
    ...optional('orderQty', message.get(AppTag.OrderQty)),
    ...optional('price', message.get(AppTag.Price)),
    ...optional('lastQty', amount(AppTag.LastQty)),
    ...optional('lastPx', amount(AppTag.LastPx)),
    ...optional('cumQty', cumQty),
    ...optional('leavesQty', amount(AppTag.LeavesQty)),
    ...optional('avgPx', amount(AppTag.AvgPx)),
    transactTime: transact === undefined ? undefined : parseUtcTimestamp(transact),
    ...optional('text', message.get(AppTag.Text)),
    ...optional('ordRejReason', message.get(AppTag.OrdRejReason)),
    ...optional(
      'statusReqId',
      message.get(AppTag.OrdStatusReqID) ?? message.get(AppTag.MassStatusReqID),
    ),
    ...optional('totNumReports', message.int(AppTag.TotNumReports)),
    lastRptRequested: message.flag(AppTag.LastRptRequested),
  };
}
