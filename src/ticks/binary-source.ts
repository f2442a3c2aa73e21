import { type FileHandle, open } from 'node:fs/promises';
import { unpackBlock } from './block-codec.js';
import { decodeBlock } from './block-decoder.js';
import { crc32, DATA_MAGIC, END_MAGIC, FRAME_BYTES, readFrame } from './block-frame.js';
import { TickChecks } from './tick-checks.js';
import type { TickEvent } from './tick-event.js';
import { TickFileError } from './tick-file-error.js';
import { parseTickHeader, TICK_CODEC, type TickHeader } from './tick-header.js';
import type { TickSource } from './tick-source.js';

/** The longest header line read. */
const MAX_HEADER = 65_536;
/** The largest block payload believed: a longer length is a damaged header, not a block. */
const MAX_PAYLOAD = 64 * 1024 * 1024;

/** An exo tick file read block by block, each verified (CRC-32) and decoded as it comes. */
export class BinarySource implements TickSource {
  #truncated = false;
  #offset: number;

  private constructor(
    readonly file: string,
    readonly header: TickHeader,
    private readonly handle: FileHandle,
    private readonly allowTruncated: boolean,
    headerBytes: number,
  ) {
    this.#offset = headerBytes;
  }

  /** Opens `file` and reads its header; refused when it is not a tick file this exo reads. */
  static async open(file: string, allowTruncated: boolean): Promise<BinarySource> {
    const handle = await open(file, 'r');
    try {
      const start = Buffer.alloc(MAX_HEADER);
      const { bytesRead } = await handle.read(start, 0, MAX_HEADER, 0);
      const end = start.subarray(0, bytesRead).indexOf(10);
      if (end < 0) throw new TickFileError(file, 'not-tick-file', 'byte 0', 'not an exo tick file');
      const header = parseTickHeader(file, start.toString('utf8', 0, end));
      if (header.codec !== TICK_CODEC) {
        throw new TickFileError(
          file,
          'not-tick-file',
          'header',
          `unknown codec ${String(header.codec)}`,
        );
      }
      return new BinarySource(file, header, handle, allowTruncated, end + 1);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  get lastGoodOffset(): number {
    return this.#offset;
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  async *blocks(): AsyncGenerator<readonly TickEvent[]> {
    const checks = new TickChecks(this.file);
    // Each read takes a block's payload and the next block's header together.
    let frameBytes = Buffer.alloc(FRAME_BYTES);
    let frameGot = (await this.handle.read(frameBytes, 0, FRAME_BYTES, this.#offset)).bytesRead;
    try {
      for (let block = 0; ; block++) {
        const at = `block ${block} at byte ${this.#offset}`;
        if (frameGot < FRAME_BYTES) {
          this.#endsEarly(`${at}: the file ends without an end block`);
          return;
        }
        const frame = readFrame(frameBytes);
        if (frame.magic === END_MAGIC) {
          await this.#checkEnd(at, frame.count, frame.length, block);
          return;
        }
        if (frame.magic !== DATA_MAGIC) this.#bad(at, 'bad block header (no block magic)');
        if (frame.length > MAX_PAYLOAD) this.#bad(at, `bad block header (length ${frame.length})`);
        const start = this.#offset + FRAME_BYTES;
        const bytes = Buffer.allocUnsafe(frame.length + FRAME_BYTES);
        const got = (await this.handle.read(bytes, 0, bytes.length, start)).bytesRead;
        if (got < frame.length) {
          this.#endsEarly(`${at}: the file ends inside the block`);
          return;
        }
        const payload = bytes.subarray(0, frame.length);
        const crc = crc32(payload, crc32(frameBytes.subarray(0, 12)));
        if (crc !== frame.crc) {
          this.#bad(
            at,
            `CRC-32 mismatch (stored ${frame.crc.toString(16)}, computed ${crc.toString(16)})`,
          );
        }
        let values: unknown;
        try {
          values = unpackBlock(payload);
        } catch (error) {
          this.#bad(at, `cannot unpack: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (!Array.isArray(values)) this.#bad(at, 'the block holds no array');
        const events = decodeBlock(values, frame.count, checks);
        this.#offset = start + frame.length;
        frameBytes = bytes.subarray(frame.length);
        frameGot = got - frame.length;
        yield events;
      }
    } finally {
      await this.close();
    }
  }

  async #checkEnd(at: string, blocks: number, length: number, seen: number): Promise<void> {
    if (length !== 0 || blocks !== seen) {
      this.#bad(at, `bad end block (${blocks} blocks, length ${length}; read ${seen} blocks)`);
    }
    const after = this.#offset + FRAME_BYTES;
    const more = await this.handle.read(Buffer.alloc(1), 0, 1, after);
    if (more.bytesRead > 0) this.#bad(`byte ${after}`, 'data after the end block');
    this.#offset = after;
  }

  #endsEarly(detail: string): void {
    if (this.allowTruncated) {
      this.#truncated = true;
      return;
    }
    throw new TickFileError(
      this.file,
      'truncated',
      `byte ${this.#offset}`,
      `truncated: ${detail} (last good offset ${this.#offset}; --allow-truncated reads up to it)`,
    );
  }

  #bad(at: string, detail: string): never {
    throw new TickFileError(this.file, 'bad-block', at, detail);
  }
}
