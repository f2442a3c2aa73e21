import { crc32 } from 'node:zlib';

/**
 * Bytes of a block's header: magic, event count, payload length, and a CRC-32 over the header's
 * first 12 bytes and the payload (so a damaged count is caught too).
 */
export const FRAME_BYTES = 16;
/** A data block's magic: `EXTB`. */
export const DATA_MAGIC = 0x42545845;
/** The end block's magic: `EXTE`. Its count is the file's events, its length 0. */
export const END_MAGIC = 0x45545845;

/** A block's header as read. */
export interface BlockFrame {
  readonly magic: number;
  readonly count: number;
  readonly length: number;
  readonly crc: number;
}

/** The header for `payload` holding `count` events (little-endian 32-bit fields). */
export function frameOf(magic: number, count: number, payload: Uint8Array): Buffer {
  const frame = Buffer.alloc(FRAME_BYTES);
  frame.writeUInt32LE(magic, 0);
  frame.writeUInt32LE(count, 4);
  frame.writeUInt32LE(payload.length, 8);
  frame.writeUInt32LE(crc32(payload, crc32(frame.subarray(0, 12))), 12);
  return frame;
}

/** The header at the start of `bytes` (at least FRAME_BYTES long). */
export function readFrame(bytes: Buffer): BlockFrame {
  return {
    magic: bytes.readUInt32LE(0),
    count: bytes.readUInt32LE(4),
    length: bytes.readUInt32LE(8),
    crc: bytes.readUInt32LE(12),
  };
}

export { crc32 };
