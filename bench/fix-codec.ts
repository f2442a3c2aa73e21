import { encodeFix } from '../src/fix/encode.js';
import type { FixField } from '../src/fix/message.js';
import { parseFix } from '../src/fix/parse.js';
import { orderFields } from './fix-messages.js';
import { type BenchResult, median, nsPerOp } from './report.js';

const OPS = 100_000;
const ROUNDS = 5;

const HEADER: FixField[] = [
  [49, 'EXO'],
  [56, 'VENUE'],
  [34, '123456'],
  [52, '20261206-03:22:00.123'],
];
const D: FixField[] = [[35, 'D'], ...HEADER, ...orderFields('EXO1A2B3C4D5E6F7G8H9')];
const REPORT: FixField[] = [
  [35, '8'],
  ...HEADER,
  [37, 'VENUE-ORDER-123456'],
  [11, 'EXO1A2B3C4D5E6F7G8H9'],
  [17, 'EXEC-987654321'],
  [150, 'F'],
  [39, '1'],
  [55, 'BTC-USD'],
  [54, '1'],
  [38, '0.12345678'],
  [32, '0.01'],
  [31, '98765.43'],
  [151, '0.11345678'],
  [14, '0.01'],
  [6, '98765.43'],
  [60, '20261206-03:22:00.123'],
];
/** The tags the venue adapter reads from an ExecutionReport. */
const REPORT_READS = [35, 34, 37, 11, 17, 150, 39, 32, 31, 151, 14, 6] as const;
const D_READS = [35, 34, 11, 55, 54, 38, 40, 44] as const;

/**
 * FIX codec cost: encode, then parse and read the fields an adapter uses, of a D and an 8,
 * against JSON.stringify/JSON.parse of the same content in the same run. Issue 14's goal:
 * encode + parse of an 8 ≤ 15 µs.
 */
export async function fixCodec(): Promise<BenchResult[]> {
  return [measure('fix-codec-D', D, D_READS), measure('fix-codec-8', REPORT, REPORT_READS)];
}

function measure(
  bench: string,
  fields: readonly FixField[],
  reads: readonly number[],
): BenchResult {
  const json = Object.fromEntries(fields.map(([t, v]) => [String(t), v]));
  const fixEncode: number[] = [];
  const fixParse: number[] = [];
  const jsonEncode: number[] = [];
  const jsonParse: number[] = [];
  let sink = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    let start = process.hrtime.bigint();
    let frame = encodeFix(fields);
    for (let i = 0; i < OPS; i++) frame = encodeFix(fields);
    const encodeNs = nsPerOp(start, OPS);
    start = process.hrtime.bigint();
    for (let i = 0; i < OPS; i++) {
      const { message } = parseFix(frame);
      for (const tag of reads) sink += message.get(tag)?.length ?? 0;
    }
    const parseNs = nsPerOp(start, OPS);
    start = process.hrtime.bigint();
    let text = JSON.stringify(json);
    for (let i = 0; i < OPS; i++) text = JSON.stringify(json);
    const jsonEncodeNs = nsPerOp(start, OPS);
    start = process.hrtime.bigint();
    for (let i = 0; i < OPS; i++) {
      const parsed = JSON.parse(text) as Record<string, string>;
      for (const tag of reads) sink += parsed[String(tag)]?.length ?? 0;
    }
    const jsonParseNs = nsPerOp(start, OPS);
    if (round === 0) continue; // warm-up
    fixEncode.push(encodeNs);
    fixParse.push(parseNs);
    jsonEncode.push(jsonEncodeNs);
    jsonParse.push(jsonParseNs);
  }
  if (sink === 0) throw new Error('no field was read');
  const total = median(fixEncode) + median(fixParse);
  const jsonTotal = median(jsonEncode) + median(jsonParse);
  return {
    bench,
    encode_ns: median(fixEncode),
    parse_ns: median(fixParse),
    encode_parse_us: total / 1000,
    json_stringify_ns: median(jsonEncode),
    json_parse_ns: median(jsonParse),
    ratio_to_json: total / jsonTotal,
    goal_us: 15,
    meets_goal: total / 1000 <= 15,
    ops: OPS * ROUNDS,
  };
}
