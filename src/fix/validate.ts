import { BEGIN_STRING } from './encode.js';
import type { FixMessage } from './message.js';
import type { FixProblem } from './problem.js';
import { SessionRejectReason, Tag } from './tags.js';
import { parseUtcTimestamp } from './timestamp.js';

/** What a received message is checked against: who must have sent it to whom, and when. */
export interface ReceiptExpectations {
  /** Our SenderCompID: the counterparty's TargetCompID (56) must equal it. */
  readonly ourCompId: string;
  /** The counterparty's CompID: its SenderCompID (49) must equal it. */
  readonly theirCompId: string;
  /** Now, epoch ms. */
  readonly now: number;
  /** Largest accepted distance between SendingTime and now; FIX and QuickFIX use 120 s. */
  readonly maxSkewMs: number;
}

const REQUIRED_HEADER = [
  Tag.SenderCompID,
  Tag.TargetCompID,
  Tag.MsgSeqNum,
  Tag.SendingTime,
] as const;

/**
 * Checks a parsed message on receipt: 8/9/35 first in that order, the required header tags,
 * MsgSeqNum format, CompIDs, SendingTime within `maxSkewMs`, and on a PossDup message (other than a
 * SequenceReset) an OrigSendingTime no later than SendingTime, as QuickFIX checks. Returns the first problem, or undefined.
 */
export function validateReceipt(
  message: FixMessage,
  expect: ReceiptExpectations,
): FixProblem | undefined {
  const [first, second, third] = message.fields;
  if (first?.[0] !== Tag.BeginString || first[1] !== BEGIN_STRING || second?.[0] !== Tag.BodyLength)
    return { kind: 'garbled', text: 'BeginString FIX.4.4 and BodyLength must come first' };
  if (third?.[0] !== Tag.MsgType)
    return reject(
      SessionRejectReason.TagOutOfRequiredOrder,
      Tag.MsgType,
      'MsgType must be the third field',
    );
  for (const tag of REQUIRED_HEADER)
    if (!message.has(tag))
      return reject(SessionRejectReason.RequiredTagMissing, tag, `Required tag missing: ${tag}`);
  if (message.int(Tag.MsgSeqNum) === undefined || message.int(Tag.MsgSeqNum) === 0)
    return reject(
      SessionRejectReason.IncorrectDataFormat,
      Tag.MsgSeqNum,
      'MsgSeqNum is not a positive integer',
    );
  if (message.get(Tag.SenderCompID) !== expect.theirCompId)
    return reject(SessionRejectReason.CompIdProblem, Tag.SenderCompID, 'CompID problem', true);
  if (message.get(Tag.TargetCompID) !== expect.ourCompId)
    return reject(SessionRejectReason.CompIdProblem, Tag.TargetCompID, 'CompID problem', true);
  const sent = parseUtcTimestamp(message.get(Tag.SendingTime) ?? '');
  if (sent === undefined)
    return reject(
      SessionRejectReason.IncorrectDataFormat,
      Tag.SendingTime,
      'SendingTime is not a UTCTimestamp',
    );
  if (Math.abs(sent - expect.now) > expect.maxSkewMs)
    return reject(
      SessionRejectReason.SendingTimeAccuracyProblem,
      Tag.SendingTime,
      'SendingTime accuracy problem',
      true,
    );
  if (message.flag(Tag.PossDupFlag) && message.msgType !== '4') {
    const original = message.get(Tag.OrigSendingTime);
    if (original === undefined)
      return reject(
        SessionRejectReason.RequiredTagMissing,
        Tag.OrigSendingTime,
        'Required tag missing: 122',
      );
    const originalMs = parseUtcTimestamp(original);
    if (originalMs === undefined)
      return reject(
        SessionRejectReason.IncorrectDataFormat,
        Tag.OrigSendingTime,
        'OrigSendingTime is not a UTCTimestamp',
      );
    if (originalMs > sent)
      return reject(
        SessionRejectReason.SendingTimeAccuracyProblem,
        Tag.OrigSendingTime,
        'OrigSendingTime after SendingTime',
        true,
      );
  }
  return undefined;
}

function reject(
  reason: SessionRejectReason,
  refTagId: number,
  text: string,
  logout = false,
): FixProblem {
  return { kind: 'reject', reason, refTagId, text, ...(logout ? { logout } : {}) };
}
