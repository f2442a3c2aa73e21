import { crc32 } from 'node:zlib';

/** One entry of the session store's log. */
export type StoreRecord =
  /** A message sent with `seq`; `raw` is kept for application messages only (admin ones are gap-filled). */
  | { readonly kind: 'sent'; readonly seq: number; readonly raw?: Buffer }
  /** The next MsgSeqNum expected from the counterparty. */
  | { readonly kind: 'target'; readonly next: number }
  /** Both sequences set (stored messages stay). */
  | { readonly kind: 'seqs'; readonly sender: number; readonly target: number };

const HEAD = 8; // u32 payload length, u32 crc32 of the payload
const KIND = { sent: 1, target: 2, seqs: 3 } as const;

/** Frames a record as [length][crc32][payload] so a torn or corrupt tail is recognised on load. */
export function encodeRecord(record: StoreRecord): Buffer {
  let payload: Buffer;
  if (record.kind === 'sent') {
    const raw = record.raw ?? Buffer.alloc(0);
    payload = Buffer.allocUnsafe(5 + raw.length);
    payload.writeUInt8(KIND.sent, 0);
    payload.writeUInt32LE(record.seq, 1);
    raw.copy(payload, 5);
  } else if (record.kind === 'target') {
    payload = Buffer.allocUnsafe(5);
    payload.writeUInt8(KIND.target, 0);
    payload.writeUInt32LE(record.next, 1);
  } else {
    payload = Buffer.allocUnsafe(9);
    payload.writeUInt8(KIND.seqs, 0);
    payload.writeUInt32LE(record.sender, 1);
    payload.writeUInt32LE(record.target, 5);
  }
  const head = Buffer.allocUnsafe(HEAD);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

/** Reads records from the start of `bytes`; stops at the first torn or corrupt one and says where the good part ends. */
export function decodeRecords(bytes: Buffer): { records: StoreRecord[]; goodLength: number } {
  const records: StoreRecord[] = [];
  let at = 0;
  while (at + HEAD <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    const end = at + HEAD + length;
    if (length < 5 || end > bytes.length) break;
    const payload = bytes.subarray(at + HEAD, end);
    if (crc32(payload) !== bytes.readUInt32LE(at + 4)) break;
    const record = decodePayload(payload);
    if (record === undefined) break;
    records.push(record);
    at = end;
  }
  return { records, goodLength: at };
}

function decodePayload(p: Buffer): StoreRecord | undefined {
  const kind = p.readUInt8(0);
  if (kind === KIND.sent) {
    const raw = p.subarray(5);
    return {
      kind: 'sent',
      seq: p.readUInt32LE(1),
      ...(raw.length > 0 ? { raw: Buffer.from(raw) } : {}),
    };
  }
  if (kind === KIND.target && p.length === 5) return { kind: 'target', next: p.readUInt32LE(1) };
  if (kind === KIND.seqs && p.length === 9)
    return { kind: 'seqs', sender: p.readUInt32LE(1), target: p.readUInt32LE(5) };
  return undefined;
}
