import { sign } from '../market/decimal.js';
import type { Report } from '../market/report.js';
import type { ChildReportEvent } from './child-order-transitions.js';

/**
 * What a report means before the child's figures are known: a `fill` (partial or complete is
 * decided against the child's quantity), another lifecycle event, or `status` for a report that
 * only restates where the order stands (pending acknowledgements, status replies) and changes nothing.
 */
export type ReportMeaning =
  | Exclude<ChildReportEvent, 'partial_fill' | 'complete_fill'>
  | 'fill'
  | 'status';

const BY_EXEC_TYPE: Readonly<Record<NonNullable<Report['execType']>, ReportMeaning>> = {
  new: 'acknowledged',
  trade: 'fill',
  replaced: 'replaced',
  canceled: 'canceled',
  rejected: 'rejected',
  expired: 'expired',
  cancel_rejected: 'cancel_rejected',
  replace_rejected: 'replace_rejected',
  unknown: 'outcome_unknown',
  pending_new: 'status',
  pending_cancel: 'status',
  pending_replace: 'status',
  status: 'status',
};

/**
 * Reads a report's meaning from its exec type, or, from a venue that only sends a status,
 * from the status and whether it carries an execution (`lastQty` above zero).
 */
export function reportMeaning(report: Report): ReportMeaning {
  if (report.execType !== undefined) return BY_EXEC_TYPE[report.execType];
  if (report.lastQty !== undefined && sign(report.lastQty) > 0) return 'fill';
  switch (report.status) {
    case 'new':
      return 'acknowledged';
    case 'canceled':
    case 'rejected':
    case 'expired':
      return report.status;
    default:
      return 'status';
  }
}
