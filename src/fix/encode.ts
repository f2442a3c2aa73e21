import { fixChecksum } from './checksum.js';
import type { FixField } from './message.js';

/** The FIX version this layer speaks. */
export const BEGIN_STRING = 'FIX.4.4';

const SOH = '\x01';

/**
 * Frames `fields` (MsgType first, header then body, without 8/9/10) as FIX.4.4 bytes:
 * BeginString, BodyLength in bytes, then the fields, then the three-digit CheckSum.
 * Throws on a value holding SOH or an empty value, which no counterparty would parse.
 */
export function encodeFix(fields: readonly FixField[]): Buffer {
  let body = '';
  for (const [tag, value] of fields) {
    if (value === '' || value.includes(SOH)) throw new Error(`FIX tag ${tag}: empty value or SOH`);
    body += `${tag}=${value}${SOH}`;
  }
  const head = `8=${BEGIN_STRING}${SOH}9=${Buffer.byteLength(body)}${SOH}`;
  const frame = Buffer.from(`${head}${body}10=000${SOH}`);
  const checksumAt = frame.length - 4;
  frame.write(fixChecksum(frame, 0, checksumAt - 3), checksumAt);
  return frame;
}
