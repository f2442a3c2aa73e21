/** FIX 4.4 tag numbers the session layer reads or writes, by name, so code never carries bare numbers. */
export const Tag = {
  BeginSeqNo: 7,
  BeginString: 8,
  BodyLength: 9,
  CheckSum: 10,
  EndSeqNo: 16,
  MsgSeqNum: 34,
  MsgType: 35,
  NewSeqNo: 36,
  PossDupFlag: 43,
  RefSeqNum: 45,
  SenderCompID: 49,
  SendingTime: 52,
  TargetCompID: 56,
  Text: 58,
  EncryptMethod: 98,
  HeartBtInt: 108,
  TestReqID: 112,
  OrigSendingTime: 122,
  GapFillFlag: 123,
  ResetSeqNumFlag: 141,
  RefTagID: 371,
  RefMsgType: 372,
  SessionRejectReason: 373,
} as const;

/** The session-level (admin) MsgTypes of FIX 4.4; every other MsgType is an application message. */
export const AdminMsgType = {
  Heartbeat: '0',
  TestRequest: '1',
  ResendRequest: '2',
  Reject: '3',
  SequenceReset: '4',
  Logout: '5',
  Logon: 'A',
} as const;

const ADMIN: ReadonlySet<string> = new Set(Object.values(AdminMsgType));

/** Whether a MsgType is session-level: such messages are never replayed on resend, only gap-filled. */
export function isAdminMsgType(msgType: string): boolean {
  return ADMIN.has(msgType);
}

/** SessionRejectReason (373) values of FIX 4.4 that this layer produces. */
export const SessionRejectReason = {
  InvalidTagNumber: 0,
  RequiredTagMissing: 1,
  TagSpecifiedWithoutValue: 4,
  ValueIncorrect: 5,
  IncorrectDataFormat: 6,
  CompIdProblem: 9,
  SendingTimeAccuracyProblem: 10,
  InvalidMsgType: 11,
  TagOutOfRequiredOrder: 14,
  Other: 99,
} as const;

/** One of the SessionRejectReason values above. */
export type SessionRejectReason = (typeof SessionRejectReason)[keyof typeof SessionRejectReason];
