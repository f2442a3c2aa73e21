import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { LimitsFileError } from '../../src/risk/limits-error.js';
import { limitsToJSON, parseLimits, readLimitsFile } from '../../src/risk/limits-file.js';

const figure = fc
  .tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 8 }))
  .map(([units, places]) =>
    decimal(String(units))
      .div(10 ** places)
      .toFixed(),
  );
const count = fc.integer({ min: 1, max: 10_000 });
const collar = fc
  .record({ percent: figure, ticks: count }, { requiredKeys: [] })
  .filter((c) => Object.keys(c).length > 0);
const symbolLimits = fc.record(
  {
    maxParentQuantity: figure,
    maxParentNotional: figure,
    parentCollar: collar,
    maxOpenParents: count,
    maxChildQuantity: figure,
    maxChildNotional: figure,
    childCollar: collar,
    maxWorkingChildrenPerParent: count,
    maxWorkingChildren: count,
    childRatePerSecond: count,
    childRateHardCap: count,
    duplicateWindowMs: count,
    refuseSelfTrade: fc.boolean(),
    maxLongPosition: figure,
    maxShortPosition: figure,
    maxExposureNotional: figure,
    maxDailyTradedNotional: figure,
    maxDailyLoss: figure,
  },
  { requiredKeys: [] },
);
const symbol = fc.constantFrom('BTC-USD', 'ETH-USD', 'SOL-USD');
const document = fc.record({
  symbols: fc.constant(['BTC-USD', 'ETH-USD', 'SOL-USD']),
  algos: fc.uniqueArray(fc.constantFrom('take', 'peg', 'twap'), { minLength: 1 }),
  maxOpenParents: count,
  venueChildRatePerSecond: count,
  venueChildRateHardCap: count,
  maxExposureNotional: figure,
  maxDailyTradedNotional: figure,
  maxDailyLoss: figure,
  defaults: symbolLimits,
  perSymbol: fc.dictionary(symbol, symbolLimits),
  autoHalt: fc.record(
    {
      rejectStorm: fc.record({ rejects: count, withinMs: count }),
      venueDisconnectMs: count,
      dailyLoss: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
});

/** A field of the document and values of the wrong type for it. */
const wrongTyped = fc.constantFrom(
  { path: ['maxOpenParents'], value: '3', reason: 'whole number' },
  { path: ['maxOpenParents'], value: 2.5, reason: 'whole number' },
  { path: ['defaults', 'maxParentNotional'], value: 250000, reason: 'decimal as a string' },
  { path: ['defaults', 'maxParentNotional'], value: '-1', reason: 'decimal as a string' },
  { path: ['defaults', 'maxParentQuantity'], value: '0', reason: 'more than 0' },
  { path: ['perSymbol', 'BTC-USD', 'maxParentNotional'], value: true, reason: 'decimal' },
  { path: ['perSymbol', 'ETH-USD', 'parentCollar', 'ticks'], value: '5', reason: 'whole number' },
  { path: ['defaults', 'refuseSelfTrade'], value: 'yes', reason: 'true or false' },
  { path: ['maxDailyLoss'], value: 5000, reason: 'decimal as a string' },
  { path: ['perSymbol', 'SOL-USD', 'maxShortPosition'], value: '0', reason: 'more than 0' },
  { path: ['algos'], value: 'take', reason: 'list of names' },
  { path: ['defaults', 'maxParentNotionl'], value: '1', reason: 'unknown field' },
  { path: ['autoHalt', 'rejectStorm', 'rejects'], value: 0, reason: 'whole number' },
  { path: ['autoHalt', 'rejectStorm', 'withinMs'], value: '1000', reason: 'whole number' },
  { path: ['autoHalt', 'venueDisconnectMs'], value: -5, reason: 'whole number' },
  { path: ['autoHalt', 'dailyLoss'], value: 1, reason: 'true or false' },
  { path: ['autoHalt', 'rejectStrom'], value: {}, reason: 'unknown field' },
);

function withField(base: object, path: readonly string[], value: unknown): object {
  const [head, ...rest] = path as [string, ...string[]];
  const node = base as Record<string, unknown>;
  const child = (node[head] ?? {}) as object;
  return { ...node, [head]: rest.length === 0 ? value : withField(child, rest, value) };
}

describe('the limits file', () => {
  it('round-trips valid limits through parseLimits and limitsToJSON', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const limits = parseLimits(doc, 'limits.json');
        expect(limitsToJSON(limits)).toEqual(doc);
        expect(parseLimits(limitsToJSON(limits), 'again')).toEqual(limits);
      }),
    );
  });

  it('names the file, the path and the reason of a wrong-typed field', () => {
    fc.assert(
      fc.property(document, wrongTyped, (doc, wrong) => {
        const broken = withField(doc, wrong.path, wrong.value);
        const error = captured(() => parseLimits(broken, 'risk.json'));
        expect(error.file).toBe('risk.json');
        expect(error.path).toBe(wrong.path.join('.'));
        expect(error.reason).toContain(wrong.reason);
        expect(error.message).toBe(`risk.json: ${wrong.path.join('.')}: ${error.reason}`);
      }),
    );
  });

  it('refuses a per-symbol entry for a symbol outside symbols, and a collar without a band', () => {
    const outside = captured(() =>
      parseLimits({ symbols: ['BTC-USD'], perSymbol: { 'ETH-USD': {} } }, 'f'),
    );
    expect(outside.path).toBe('perSymbol.ETH-USD');
    const empty = captured(() => parseLimits({ defaults: { parentCollar: {} } }, 'f'));
    expect(empty.path).toBe('defaults.parentCollar');
    expect(empty.reason).toContain('percent, ticks or both');
  });

  it('refuses a reject storm without its count or its window', () => {
    for (const missing of ['rejects', 'withinMs'] as const) {
      const rule = { rejects: 5, withinMs: 1000 };
      delete (rule as Partial<typeof rule>)[missing];
      const error = captured(() => parseLimits({ autoHalt: { rejectStorm: rule } }, 'f'));
      expect(error.path).toBe(`autoHalt.rejectStorm.${missing}`);
      expect(error.reason).toBe('required');
    }
  });

  it('reads JSON and YAML files, and says which file cannot be read or parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-limits-'));
    const json = join(dir, 'limits.json');
    writeFileSync(json, JSON.stringify({ defaults: { maxParentNotional: '250000' } }));
    const yaml = join(dir, 'limits.yaml');
    writeFileSync(yaml, 'defaults:\n  maxParentNotional: "250000"\nmaxOpenParents: 10\n');
    expect(readLimitsFile(json).defaults.maxParentNotional?.toFixed()).toBe('250000');
    expect(readLimitsFile(yaml)).toMatchObject({ maxOpenParents: 10, perSymbol: {} });
    const unquoted = join(dir, 'unquoted.yml');
    writeFileSync(unquoted, 'defaults:\n  maxParentNotional: 250000\n');
    expect(captured(() => readLimitsFile(unquoted)).message).toBe(
      `${unquoted}: defaults.maxParentNotional: expected a decimal as a string, e.g. "250000", got 250000`,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "defaults": ');
    expect(captured(() => readLimitsFile(bad)).reason).toMatch(/^not valid JSON: /);
    const missing = join(dir, 'missing.json');
    expect(captured(() => readLimitsFile(missing)).message).toBe(
      `${missing}: cannot read it (ENOENT)`,
    );
  });
});

function captured(call: () => unknown): LimitsFileError {
  try {
    call();
  } catch (error) {
    if (error instanceof LimitsFileError) return error;
    throw error;
  }
  throw new Error('expected a LimitsFileError');
}
