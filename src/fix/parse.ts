import { fixChecksum } from './checksum.js';
import { type FixField, FixMessage } from './message.js';
import type { FixProblem } from './problem.js';
import { SessionRejectReason } from './tags.js';

/** A parsed frame: the fields that could be read, and the first problem found, if any. */
export interface ParsedFix {
  readonly message: FixMessage;
  readonly problem?: FixProblem;
}

const SOH = 0x01;
const EQUALS = 0x3d;

/**
 * Parses one frame (as the splitter returns it) into its ordered fields. Never throws:
 * a wrong CheckSum or a frame that is not tag=value at all is 'garbled'; a bad tag number or
 * an empty value is a 'reject' with its SessionRejectReason and RefTagID.
 */
export function parseFix(frame: Uint8Array): ParsedFix {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const fields: FixField[] = [];
  let problem: FixProblem | undefined;
  let at = 0;
  while (at < bytes.length) {
    let end = bytes.indexOf(SOH, at);
    if (end < 0) end = bytes.length;
    const equals = bytes.indexOf(EQUALS, at);
    if (equals < 0 || equals >= end) {
      problem ??= { kind: 'garbled', text: 'field without =' };
      at = end + 1;
      continue;
    }
    const tag = tagNumber(bytes, at, equals);
    const value = bytes.toString('utf8', equals + 1, end);
    if (tag === undefined) {
      problem ??= {
        kind: 'reject',
        reason: SessionRejectReason.InvalidTagNumber,
        text: `Invalid tag number ${JSON.stringify(bytes.toString('latin1', at, equals))}`,
      };
    } else {
      if (value === '')
        problem ??= {
          kind: 'reject',
          reason: SessionRejectReason.TagSpecifiedWithoutValue,
          refTagId: tag,
          text: `Tag ${tag} specified without a value`,
        };
      fields.push([tag, value]);
    }
    at = end + 1;
  }
  const checksum = checksumProblem(bytes, fields);
  return { message: new FixMessage(fields), problem: checksum ?? problem };
}

/** The tag number written in bytes[start, end): 1 to 9 digits without a leading zero, else undefined. */
function tagNumber(bytes: Buffer, start: number, end: number): number | undefined {
  if (end <= start || end - start > 9 || bytes[start] === 0x30) return undefined;
  let tag = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    tag = tag * 10 + digit;
  }
  return tag;
}

function checksumProblem(bytes: Buffer, fields: readonly FixField[]): FixProblem | undefined {
  const last = fields[fields.length - 1];
  if (last === undefined || last[0] !== 10 || bytes.length < 7)
    return { kind: 'garbled', text: 'no CheckSum at the end' };
  const expected = fixChecksum(bytes, 0, bytes.length - 7);
  if (last[1] !== expected)
    return { kind: 'garbled', text: `CheckSum ${last[1]}, expected ${expected}` };
  return undefined;
}
