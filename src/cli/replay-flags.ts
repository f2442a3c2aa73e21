import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SeededRandom } from '../feeds/sim/seeded-random.js';
import { LatencyOptionError, parseLatency } from '../replay/latency-model.js';
import { FILL_MODELS } from '../venues/paper/fill-model.js';
import type { ReplayRunOptions } from './replay-job.js';

/** A bad `exo replay` command line: one line naming the flag and what is wrong. */
export class ReplayFlagError extends Error {
  override readonly name = 'ReplayFlagError';
}

/** Where replay's orders come from: an orders file, or a live journal's parents. */
export type OrdersSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'journal'; readonly path: string };

/** `exo replay`'s command line, checked. */
export interface ReplayFlags {
  readonly files: readonly string[];
  readonly orders: OrdersSource;
  /** `--algo`/`--params`: the algorithm and params every order runs with instead (what-if). */
  readonly algo: string | undefined;
  readonly params: Readonly<Record<string, unknown>> | undefined;
  readonly report: string;
  readonly json: string | undefined;
  readonly options: ReplayRunOptions;
  readonly allowTruncated: boolean;
  readonly compare: readonly string[];
  /** `--sweep KEY=V1,V2`, as given (checked against the keys when the jobs are made). */
  readonly sweep: string | undefined;
  readonly workers: number | undefined;
}

const STRINGS = [
  'orders',
  'orders-from-journal',
  'algo',
  'params',
  'report',
  'json',
  'seed',
  'decision-latency',
  'entry-latency',
  'response-latency',
  'fill-model',
  'sweep',
  'workers',
  'factory',
] as const;

/** The replay seed's range: what a 32-bit PRNG takes. */
export const MAX_SEED = 2 ** 32 - 1;
/** The most workers a sweep may ask for. */
export const MAX_WORKERS = 64;

/**
 * Reads `exo replay FILE... (--orders F | --orders-from-journal J) --report out.html ...`, or
 * undefined for `--help`. Throws a ReplayFlagError naming the flag for anything it cannot use.
 */
export function readReplayFlags(argv: readonly string[]): ReplayFlags | undefined {
  const parsed = parse(argv);
  if (parsed.values.help === true) return undefined;
  const v = parsed.values;
  if (parsed.positionals.length === 0)
    throw new ReplayFlagError('expected one or more recording FILEs');
  const orders = ordersSource(v.orders, v['orders-from-journal']);
  if (v.report === undefined)
    throw new ReplayFlagError('--report: required (the HTML report to write)');
  if (v.workers !== undefined && v.sweep === undefined) {
    throw new ReplayFlagError('--workers: only with --sweep');
  }
  return {
    files: parsed.positionals,
    orders,
    algo: v.algo,
    params: v.params === undefined ? undefined : paramsJson(v.params),
    report: v.report,
    json: v.json,
    options: {
      seed: 1,
      ...runOptions(v),
      ...(v.factory === undefined ? {} : { factory: resolve(v.factory) }),
    },
    allowTruncated: v['allow-truncated'] === true,
    compare: v.compare ?? [],
    sweep: v.sweep,
    workers:
      v.workers === undefined ? undefined : wholeNumber('workers', v.workers, 1, MAX_WORKERS),
  };
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        ...(Object.fromEntries(
          STRINGS.map((name) => [name, { type: 'string' as const }]),
        ) as Record<(typeof STRINGS)[number], { type: 'string' }>),
        compare: { type: 'string', multiple: true },
        'allow-truncated': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ReplayFlagError(
      (error instanceof Error ? error.message : String(error)).split('\n')[0],
    );
  }
}

function ordersSource(file: string | undefined, journal: string | undefined): OrdersSource {
  if (file !== undefined && journal !== undefined) {
    throw new ReplayFlagError('--orders and --orders-from-journal: give one, not both');
  }
  if (file !== undefined) return { kind: 'file', path: file };
  if (journal !== undefined) return { kind: 'journal', path: journal };
  throw new ReplayFlagError('--orders or --orders-from-journal: required (the orders to replay)');
}

/** A run option's flag name. */
export type RunOptionFlag =
  | 'seed'
  | 'decision-latency'
  | 'entry-latency'
  | 'response-latency'
  | 'fill-model';

/**
 * The run options the flags given set, each checked (the seed's default is the caller's): also
 * how a sweep reads each of its values.
 */
export function runOptions(v: Partial<Record<RunOptionFlag, string>>): Partial<ReplayRunOptions> {
  const latency = (name: 'decision-latency' | 'entry-latency' | 'response-latency') => {
    const text = v[name];
    if (text === undefined) return undefined;
    try {
      // Checked by the core's own grammar before anything runs.
      parseLatency(`--${name}`, text, new SeededRandom(0));
    } catch (error) {
      if (error instanceof LatencyOptionError) throw new ReplayFlagError(error.message);
      throw error;
    }
    return text;
  };
  const fillModel = v['fill-model'];
  if (fillModel !== undefined && !FILL_MODELS.some((model) => model === fillModel)) {
    throw new ReplayFlagError(
      `--fill-model: expected one of ${FILL_MODELS.join(', ')}, got ${JSON.stringify(fillModel)}`,
    );
  }
  const options = {
    seed: v.seed === undefined ? undefined : wholeNumber('seed', v.seed, 0, MAX_SEED),
    decisionLatency: latency('decision-latency'),
    entryLatency: latency('entry-latency'),
    responseLatency: latency('response-latency'),
    fillModel: fillModel as ReplayRunOptions['fillModel'],
  };
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<ReplayRunOptions>;
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ReplayFlagError(
      `--${name}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

function paramsJson(text: string): Readonly<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReplayFlagError(`--params: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReplayFlagError('--params: expected a JSON object such as {"durationMs":60000}');
  }
  return value as Readonly<Record<string, unknown>>;
}
