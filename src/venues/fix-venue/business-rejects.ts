import type { FixMessage } from '../../fix/message.js';
import { Tag } from '../../fix/tags.js';
import { AppMsgType, BusinessRejectReason } from './app-tags.js';
import { businessReject } from './exec-reports.js';
import type { SendTo } from './fix-book.js';
import { missingTag } from './order-checks.js';

/** Answers `m` from `owner` with a BusinessMessageReject (j) naming it by MsgSeqNum and MsgType. */
export function refuseMessage(
  sendTo: SendTo,
  owner: string,
  m: FixMessage,
  reason: string,
  text: string,
): void {
  const body = businessReject(m.get(Tag.MsgSeqNum) ?? '0', m.msgType, reason, text);
  sendTo(owner, AppMsgType.BusinessMessageReject, body);
}

/**
 * Answers a message lacking one of `tags` (without which no answer could name the request) with
 * j reason 5 naming the first missing one; true when it did.
 */
export function refuseLacking(
  sendTo: SendTo,
  owner: string,
  m: FixMessage,
  tags: readonly number[],
): boolean {
  const missing = missingTag(m, tags);
  if (missing === undefined) return false;
  const reason = BusinessRejectReason.ConditionallyRequiredFieldMissing;
  refuseMessage(sendTo, owner, m, reason, `Required tag missing: ${missing}`);
  return true;
}
