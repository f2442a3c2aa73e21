import fc from 'fast-check';
import type { FrameParser } from '../../src/feeds/index.js';
import { ParseError } from '../../src/market/parse-error.js';
import { RecordingHandler } from './recording-handler.js';

/**
 * Frames of every kind a hostile or broken exchange could send: arbitrary JSON, arbitrary text, bytes
 * decoded as UTF-8, and the exchange's own documented frames cut short or with fields swapped for junk.
 */
export function hostileFrames(documented: readonly string[]): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(fc.constantFrom(...documented), fc.nat(), fc.jsonValue())
    .map(([frame, at, junk]) => {
      const cut = at % (frame.length + 1);
      const object = JSON.parse(frame) as Record<string, unknown>;
      const keys = Object.keys(object);
      const key = keys[at % Math.max(1, keys.length)];
      return [
        frame.slice(0, cut),
        key === undefined ? frame : JSON.stringify({ ...object, [key]: junk }),
      ];
    })
    .chain((options) => fc.constantFrom(...options));
  return fc.oneof(
    fc.json(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 100 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
    mutated,
  );
}

/** Runs `parser` over hostile frames: it may report or throw a ParseError, never anything else. */
export function assertParserNeverThrowsUntyped(
  parser: () => FrameParser,
  documented: readonly string[],
): void {
  fc.assert(
    fc.property(fc.array(hostileFrames(documented), { maxLength: 5 }), (frames) => {
      const parse = parser();
      const handler = new RecordingHandler();
      for (const frame of frames) {
        try {
          parse(frame, handler);
        } catch (error) {
          if (!(error instanceof ParseError)) throw error;
        }
      }
    }),
    { numRuns: 400 },
  );
}
