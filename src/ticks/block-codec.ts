import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Packr } from 'msgpackr';

/** Plain MessagePack: no records, no extensions, so any MessagePack reader can open a block. */
const packr = new Packr({ useRecords: false, moreTypes: false, bundleStrings: false });

/** A block's array packed: MessagePack, then deflate-raw at level 1 (fast, and small enough). */
export function packBlock(values: readonly unknown[]): Buffer {
  return deflateRawSync(packr.pack(values), { level: 1 });
}

/**
 * Inflation's output chunk: a 4096-event block inflates to about 135 KB, which one chunk holds
 * (the 16 KB default costs a fifth more time in chunks and their joining).
 */
const INFLATE_CHUNK = 256 * 1024;

/** A block's payload unpacked; throws on bytes that are not deflate-raw of MessagePack. */
export function unpackBlock(payload: Uint8Array): unknown {
  return packr.unpack(inflateRawSync(payload, { chunkSize: INFLATE_CHUNK }));
}
