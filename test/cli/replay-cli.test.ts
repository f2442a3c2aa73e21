import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help.js';
import { main } from '../../src/cli/main.js';
import { type ReplayDeps, runReplayCommand } from '../../src/cli/replay-command.js';
import type { ReplayJob, ReplayResult } from '../../src/cli/replay-job.js';
import type { ReplayOutput, ReplayPipeline } from '../../src/cli/replay-pipeline.js';
import { publishReports } from '../../src/cli/replay-publish.js';
import type { ReplayOutcome } from '../../src/replay/replay-outcome.js';
import {
  buildReport,
  REPORT_FORMAT,
  type ReplayReport,
  summaryTable,
} from '../../src/report/index.js';
import { liveRun } from '../replay/live-journal.js';
import { CONTEXT, orderJson } from '../replay/orders-fixtures.js';
import { exo } from './run-exo.js';

/** A stream that keeps what is written, a terminal or not. */
class Captured extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A pipeline over the fixtures' recording: each run reports its events in two steps. */
function fakeDeps() {
  const runs: ReplayJob[] = [];
  const published: { results: readonly ReplayResult[]; output: ReplayOutput }[] = [];
  const run: ReplayPipeline['run'] = async (job, progress) => {
    runs.push(job);
    progress(CONTEXT.recording.events / 2);
    progress(CONTEXT.recording.events / 2);
    const outcome: ReplayOutcome = {
      orders: [],
      run: {
        seed: job.options.seed,
        models: {},
        inputs: job.files.map((file) => ({ file, sha256: '0'.repeat(64) })),
        events: CONTEXT.recording.events,
        deliveries: 0,
        conflationRatio: 1,
        fromUs: CONTEXT.recording.fromUs,
        toUs: CONTEXT.recording.toUs,
        truncated: false,
      },
    };
    return { label: job.label, outcome, report: await buildReport(outcome, []) };
  };
  const pipeline: ReplayPipeline = {
    algos: CONTEXT.algos,
    scan: async () => CONTEXT.recording,
    run,
    publish: (results, output) => {
      published.push({ results, output });
      return publishReports(results, output);
    },
  };
  const deps: ReplayDeps = {
    pipeline,
    runSweep: (jobs, _workers, progress) => Promise.all(jobs.map((job) => run(job, progress))),
  };
  return { deps, runs, published };
}

let dir: string;
let ordersFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exo-replay-cli-'));
  ordersFile = join(dir, 'orders.json');
  writeFileSync(
    ordersFile,
    JSON.stringify([orderJson(), orderJson({ symbol: 'ETH-USD', algo: 'peg', params: {} })]),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function replay(argv: string[], tty = false, fake = fakeDeps()) {
  const stdout = new Captured(false);
  const stderr = new Captured(tty);
  const status = await runReplayCommand(argv, { stdout, stderr }, fake.deps);
  return { status, stdout: stdout.text, stderr: stderr.text, ...fake };
}

const base = () => ['rec.exo', '--orders', ordersFile, '--report', join(dir, 'out.html')];

describe('exo replay', () => {
  it('prints its usage for --help, as `exo replay` of the exo command, listed in exo --help', async () => {
    const { status, stdout } = await replay(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: exo replay FILE...');
    const out = new Captured(false);
    const io = { argv: ['replay', '-h'], env: {}, stdout: out, stderr: new Captured(false) };
    expect(await main({ ...io, onSignal: () => undefined })).toBe(0);
    expect(out.text).toBe(stdout);
    expect(HELP).toContain('exo replay FILE... --orders F --report R');
  });

  it('runs the orders with the options given, prints the table, and no progress bar off a TTY', async () => {
    const argv = [
      ...base(),
      '--json',
      join(dir, 'out.json'),
      '--seed',
      '7',
      '--fill-model',
      'queue',
      '--decision-latency',
      'lognormal:50us,400us',
    ];
    const { status, stdout, stderr, runs, published } = await replay(argv);
    expect([status, stderr]).toEqual([0, '']);
    const report = published[0]!.results[0]!.report;
    expect(stdout).toBe(summaryTable(report.report));
    expect(report.report.run.seed).toBe(7);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as ReplayReport;
    expect(json.digest).toBe(report.report.digest);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toContain('<html');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.options).toEqual({
      seed: 7,
      fillModel: 'queue',
      decisionLatency: 'lognormal:50us,400us',
    });
    expect(runs[0]!.orders.map((o) => o.ref)).toEqual(['orders[0]', 'orders[1]']);
    expect(runs[0]!.files).toEqual(['rec.exo']);
    expect(published[0]!.output).toMatchObject({
      html: join(dir, 'out.html'),
      json: join(dir, 'out.json'),
      compare: [],
    });
    expect(Object.keys(published[0]!.output.runtime)).toEqual(['wallMs', 'eventsPerSecond']);
  });

  it('sets --compare reports beside this run in the table, and refuses a file that is not one', async () => {
    const earlier = join(dir, 'earlier.json');
    expect((await replay([...base(), '--json', earlier, '--seed', '2'])).status).toBe(0);
    const { status, stdout, published } = await replay([...base(), '--compare', earlier]);
    expect(status).toBe(0);
    const before = JSON.parse(readFileSync(earlier, 'utf8')) as ReplayReport;
    expect(stdout).toBe(
      summaryTable([before, published[0]!.results[0]!.report.report], [earlier, 'this run']),
    );
    writeFileSync(earlier, '{"format": "something else"}');
    const refused = await replay([...base(), '--compare', earlier]);
    expect([refused.status, refused.stderr]).toEqual([
      2,
      `exo replay: ${earlier}: format is not "${REPORT_FORMAT}"\n`,
    ]);
  });

  it('draws a progress bar with events/s and ETA on a TTY', async () => {
    const { status, stderr } = await replay(base(), true);
    expect(status).toBe(0);
    expect(stderr).toContain('events/s');
    expect(stderr).toContain('ETA');
    expect(stderr).toContain(`${CONTEXT.recording.events}/${CONTEXT.recording.events} events`);
  });

  it('overrides every order with --algo and --params', async () => {
    const zero = await replay([...base(), '--entry-latency', '0', '--response-latency', '1.5ms']);
    expect(zero.runs[0]!.options).toMatchObject({ entryLatency: '0', responseLatency: '1.5ms' });
    const { status, runs } = await replay([
      ...base(),
      '--algo',
      'twap',
      '--params',
      '{"durationMs":60000}',
    ]);
    expect(status).toBe(0);
    expect(runs[0]!.orders.map((o) => [o.algo, o.params])).toEqual([
      ['twap', { durationMs: 60_000 }],
      ['twap', { durationMs: 60_000 }],
    ]);
  });

  it("replays a live journal's parents, and reruns them with another algorithm (what-if)", async () => {
    const live = await liveRun(join(dir, 'journal.db'));
    const journal = [
      'rec.exo',
      '--orders-from-journal',
      live.path,
      '--report',
      join(dir, 'r.html'),
    ];
    const same = await replay(journal);
    expect([same.status, same.stderr]).toEqual([0, '']);
    const terms = (job: ReplayJob) => job.orders.map((o) => [o.ref, o.algo, o.params, o.startUs]);
    expect(terms(same.runs[0]!)).toEqual([
      [live.peg, 'peg', {}, live.at.peg * 1_000],
      [live.twap, 'twap', { durationMs: 60_000, slices: 6 }, live.at.twap * 1_000],
    ]);
    const whatIf = await replay([...journal, '--algo', 'twap', '--params', '{"durationMs":5000}']);
    expect(terms(whatIf.runs[0]!)).toEqual([
      [live.peg, 'twap', { durationMs: 5_000 }, live.at.peg * 1_000],
      [live.twap, 'twap', { durationMs: 5_000 }, live.at.twap * 1_000],
    ]);
    const refused = await replay([...journal, '--algo', 'take']);
    expect([refused.status, refused.stderr]).toEqual([
      2,
      `exo replay: ${live.path}: ${live.twap}.params.durationMs: take has no such parameter (expected none) (with --algo/--params)\n`,
    ]);
  });

  it('sweeps one run per value, labelled, each with the base inputs', async () => {
    writeFileSync(ordersFile, JSON.stringify([orderJson(), orderJson({ symbol: 'ETH-USD' })]));
    const { status, stdout, runs, published } = await replay([
      ...base(),
      '--sweep',
      'params.durationMs=1000,2000',
      '--workers',
      '2',
    ]);
    expect(status).toBe(0);
    const labels = ['params.durationMs=1000', 'params.durationMs=2000'];
    const reports = published[0]!.results.map((result) => result.report.report);
    expect(stdout).toBe(summaryTable(reports, labels));
    for (const label of labels) {
      expect(readFileSync(join(dir, `out.${label}.html`), 'utf8')).toContain('<html');
    }
    expect(runs.map((job) => job.orders[0]!.params)).toEqual([
      { durationMs: 1000 },
      { durationMs: 2000 },
    ]);
    const seeds = await replay([...base(), '--sweep', 'seed=3,4']);
    expect(seeds.runs.map((job) => job.options.seed)).toEqual([3, 4]);
  });

  it.each([
    [[], 'expected one or more recording FILEs'],
    [['rec.exo', '--report', 'r.html'], '--orders or --orders-from-journal: required'],
    [
      ['rec.exo', '--orders', 'a', '--orders-from-journal', 'b', '--report', 'r.html'],
      '--orders and --orders-from-journal: give one',
    ],
    [['rec.exo', '--orders', 'a'], '--report: required'],
    [['BASE', '--seed', 'x'], '--seed: expected a whole number from 0 to 4294967295, got "x"'],
    [
      ['BASE', '--fill-model', 'fifo'],
      '--fill-model: expected one of touch, through, queue, got "fifo"',
    ],
    [['BASE', '--entry-latency', '5 ms'], '--entry-latency: "5 ms" is not a latency (0, 50us'],
    [['BASE', '--entry-latency', '1m'], '--entry-latency: "1m" is not a latency'],
    [['BASE', '--response-latency', '0.5us'], '--response-latency: "0.5us" is not a latency'],
    [
      ['BASE', '--decision-latency', 'lognormal:0,5us'],
      '--decision-latency: "lognormal:0,5us": lognormal needs 0 <',
    ],
    [
      ['BASE', '--decision-latency', 'lognormal:400us,50us'],
      '--decision-latency: "lognormal:400us,50us": lognormal needs 0 < MEDIAN <= P99',
    ],
    [['BASE', '--workers', '2'], '--workers: only with --sweep'],
    [
      ['BASE', '--sweep', 'x=1', '--workers', '0'],
      '--workers: expected a whole number from 1 to 64',
    ],
    [['BASE', '--params', '{'], '--params: not valid JSON'],
    [['BASE', '--params', '[]'], '--params: expected a JSON object'],
    [['BASE', '--speed', '2'], "Unknown option '--speed'"],
    [['BASE', '--sweep', 'colour=1,2'], '--sweep: unknown key "colour"'],
    [['BASE', '--sweep', 'seed=1,x'], '--sweep seed=x: expected a whole number'],
    [['BASE', '--sweep', 'seed=1,1'], '--sweep: expected distinct, non-empty values'],
    [
      ['BASE', '--sweep', 'algo=vwap,twap'],
      '--sweep algo=vwap: orders[0].algo: unknown algorithm "vwap"',
    ],
    [
      ['BASE', '--sweep', 'algo=peg'],
      '--sweep algo=peg: orders[0].params.durationMs: peg has no such parameter',
    ],
    [['BASE', '--compare', 'missing.json'], '--compare: cannot read missing.json (ENOENT)'],
  ])('exits 2 naming the flag: %j', async (argv, expected) => {
    const args = argv[0] === 'BASE' ? [...base(), ...argv.slice(1)] : argv;
    const { status, stdout, stderr, runs } = await replay(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toContain(expected);
    expect(runs).toEqual([]);
  });

  it('exits 2 naming the orders file and position', async () => {
    writeFileSync(ordersFile, '[\n  {"symbol": }\n]');
    const syntax = await replay(base());
    expect([syntax.status, syntax.stderr]).toEqual([
      2,
      `exo replay: ${ordersFile}:2:14: not valid JSON: expected a JSON value, found "}"\n`,
    ]);
  });

  it('exits 2 naming an order refused under --algo', async () => {
    const { status, stderr } = await replay([...base(), '--algo', 'peg']);
    expect(status).toBe(2);
    expect(stderr).toBe(
      `exo replay: ${ordersFile}: orders[0].params.durationMs: peg has no such parameter (expected none) (with --algo/--params)\n`,
    );
  });

  it('exits 2 naming a recording the pipeline cannot read, 1 when a replay fails', async () => {
    const unreadable = fakeDeps();
    const deps = {
      ...unreadable.deps,
      pipeline: {
        ...unreadable.deps.pipeline,
        scan: async () => {
          throw new Error('rec.exo: block 3 at offset 4096: bad CRC');
        },
      },
    };
    const bad = await replay(base(), false, { ...unreadable, deps });
    expect([bad.status, bad.stderr]).toEqual([
      2,
      'exo replay: rec.exo: block 3 at offset 4096: bad CRC\n',
    ]);
    const failing = fakeDeps();
    const failDeps = {
      ...failing.deps,
      pipeline: {
        ...failing.deps.pipeline,
        run: async () => {
          throw new Error('delegate threw');
        },
      },
    };
    const failed = await replay(base(), false, { ...failing, deps: failDeps });
    const nowhere = join(dir, 'missing', 'out.html');
    const unwritable = await replay(['rec.exo', '--orders', ordersFile, '--report', nowhere], true);
    expect(unwritable.status).toBe(1);
    expect(unwritable.stderr).toContain(
      `exo replay: ENOENT: no such file or directory, open '${nowhere}'\n`,
    );
    expect([failed.status, failed.stderr]).toEqual([1, 'exo replay: delegate threw\n']);
  });
});

describe('exo replay as a process', () => {
  it('loads as Node loads it (ESM over CommonJS packages) and refuses a bad flag with exit 2', async () => {
    const help = exo(['replay', '--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('Usage: exo replay FILE...');
    const bad = exo(['replay', 'rec.exo', '--orders', 'o.json', '--report', 'r.html', '--seed=-1']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toBe(
      'exo replay: --seed: expected a whole number from 0 to 4294967295, got "-1" (exo replay --help lists the options)\n',
    );
  });
});
