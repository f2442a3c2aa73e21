const SOH = 0x01;
const START = Buffer.from('8=FIX');
const BODY_LENGTH = Buffer.from('\x019=');
/** Longest BodyLength accepted; a larger one is treated as garbage rather than buffered. */
const MAX_BODY = 1 << 20;

/**
 * Finds whole FIX frames in a TCP byte stream: BeginString, BodyLength, that many bytes, then
 * `10=nnn<SOH>`. Bytes that cannot start or complete a frame are skipped up to the next `8=FIX`
 * and counted, never thrown on. The checksum value itself is checked by the parser.
 */
export class FixSplitter {
  #buffer: Buffer = Buffer.alloc(0);
  /** Bytes skipped because they were not part of any well-framed message. */
  skipped = 0;

  /** Adds a chunk and returns every frame it completes, in order. */
  push(chunk: Uint8Array): Buffer[] {
    this.#buffer =
      this.#buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buffer, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const step = this.#next();
      if (step === 'wait') break;
      if (step === 'skip') continue;
      frames.push(step);
    }
    return frames;
  }

  /** A frame, 'skip' after dropping garbage, or 'wait' for more bytes. */
  #next(): Buffer | 'skip' | 'wait' {
    const buf = this.#buffer;
    const start = buf.indexOf(START);
    if (start < 0) {
      // Keep a tail that could be the beginning of `8=FIX`.
      const keep = Math.min(buf.length, START.length - 1);
      this.#drop(buf.length - keep);
      return 'wait';
    }
    if (start > 0) return this.#drop(start);
    const lengthTag = buf.indexOf(BODY_LENGTH, START.length);
    if (lengthTag < 0) return buf.length > 32 ? this.#resync() : 'wait';
    let at = lengthTag + BODY_LENGTH.length;
    let length = 0;
    let digits = 0;
    for (; at < buf.length && buf[at] !== SOH; at++, digits++) {
      const d = buf[at]! - 0x30;
      if (d < 0 || d > 9 || digits >= 7) return this.#resync();
      length = length * 10 + d;
    }
    if (at >= buf.length) return 'wait';
    if (digits === 0 || length > MAX_BODY) return this.#resync();
    const bodyStart = at + 1;
    const end = bodyStart + length + 7;
    if (buf.length < end) return 'wait';
    const t = bodyStart + length;
    const trailerOk =
      buf[t] === 0x31 && buf[t + 1] === 0x30 && buf[t + 2] === 0x3d && buf[end - 1] === SOH;
    if (!trailerOk) return this.#resync();
    const frame = buf.subarray(0, end);
    this.#buffer = buf.subarray(end);
    return Buffer.from(frame);
  }

  #drop(count: number): 'skip' {
    this.skipped += count;
    this.#buffer = this.#buffer.subarray(count);
    return 'skip';
  }

  /** Drops the start of a frame that cannot be right, up to the next `8=FIX` (or all but a tail). */
  #resync(): 'skip' {
    const next = this.#buffer.indexOf(START, 1);
    return this.#drop(next < 0 ? Math.max(1, this.#buffer.length - (START.length - 1)) : next);
  }
}
