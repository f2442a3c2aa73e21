import type { FixField } from './message.js';
import { parseFix } from './parse.js';
import { AdminMsgType, Tag } from './tags.js';

/** One message to put on the wire when answering a ResendRequest: header values plus body, with its original MsgSeqNum. */
export interface ResendItem {
  readonly seq: number;
  readonly msgType: string;
  /** OrigSendingTime (122): the SendingTime the message first carried. */
  readonly origSendingTime?: string;
  readonly body: readonly FixField[];
}

const HEADER: ReadonlySet<number> = new Set([
  Tag.BeginString,
  Tag.BodyLength,
  Tag.MsgType,
  Tag.SenderCompID,
  Tag.TargetCompID,
  Tag.MsgSeqNum,
  Tag.PossDupFlag,
  Tag.SendingTime,
  Tag.OrigSendingTime,
  Tag.CheckSum,
]);

/**
 * What answers a ResendRequest for `begin..last`: each stored application message again under its
 * own MsgSeqNum (the caller adds PossDupFlag=Y and a new SendingTime), and every run of admin
 * messages or holes as one SequenceReset-GapFill to the next replayed number. Never a Logon or Heartbeat.
 */
export function planResend(
  begin: number,
  last: number,
  stored: (seq: number) => Buffer | undefined,
): ResendItem[] {
  const items: ResendItem[] = [];
  let gapStart: number | undefined;
  const gapFill = (to: number): void => {
    if (gapStart === undefined) return;
    items.push({
      seq: gapStart,
      msgType: AdminMsgType.SequenceReset,
      body: [
        [Tag.GapFillFlag, 'Y'],
        [Tag.NewSeqNo, String(to)],
      ],
    });
    gapStart = undefined;
  };
  for (let seq = begin; seq <= last; seq++) {
    const raw = stored(seq);
    if (raw === undefined) {
      gapStart ??= seq;
      continue;
    }
    gapFill(seq);
    const { message } = parseFix(raw);
    const origSendingTime = message.get(Tag.SendingTime);
    items.push({
      seq,
      msgType: message.msgType,
      ...(origSendingTime === undefined ? {} : { origSendingTime }),
      body: message.fields.filter(([tag]) => !HEADER.has(tag)),
    });
  }
  gapFill(last + 1);
  return items;
}
