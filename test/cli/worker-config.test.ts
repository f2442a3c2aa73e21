import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/cli/options.js';
import { parseWorkerCommand } from '../../src/cli/worker-config.js';
import { DEFAULT_SHARD_COUNT } from '../../src/shards/shard-of.js';

const PG = 'postgres://root@127.0.0.1:5432/test?schema=w';
const VENUE = ['--venue', 'ws://127.0.0.1:9100', '--no-risk-limits'];

function worker(argv: string[]) {
  const command = parseWorkerCommand(argv, {});
  if (command.kind !== 'run') throw new Error('expected a run command');
  return command.worker;
}

function refusal(argv: string[]): string {
  try {
    parseWorkerCommand(argv, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the exo worker command line', () => {
  it('reads the shards and the shard count, every shard on a free port', () => {
    const read = worker(['--journal', PG, ...VENUE, '--shards', '1,3-4', '--shard-count=8']);
    expect(read).toMatchObject({ shards: [1, 3, 4], shardCount: 8 });
    expect(read.config).toMatchObject({ journal: PG, port: 0, venueUrl: 'ws://127.0.0.1:9100' });
    expect(worker(['--journal', PG, ...VENUE, '--shards=all'])).toMatchObject({
      shards: Array.from({ length: DEFAULT_SHARD_COUNT }, (_, shard) => shard),
      shardCount: DEFAULT_SHARD_COUNT,
    });
  });

  it('takes --help', () => {
    expect(parseWorkerCommand(['--help'], {})).toEqual({ kind: 'help' });
  });

  it('refuses what a worker cannot run with, naming what to do instead', () => {
    expect(refusal(['--journal', PG, '--shards', 'all'])).toMatch(
      /venue outside its process.*exo venue.*--venue ws:/,
    );
    expect(refusal(['--journal', 'j.db', ...VENUE, '--shards', 'all'])).toMatch(
      /--journal postgres:/,
    );
    expect(
      refusal([
        '--journal',
        PG,
        '--venue',
        'fix://127.0.0.1:9878',
        '--fix-sender-comp-id',
        'EXO',
        '--fix-target-comp-id',
        'VENUE',
        '--no-risk-limits',
        '--shards',
        'all',
      ]),
    ).toMatch(/FIX session of its own/);
    expect(refusal(['--journal', PG, ...VENUE])).toMatch(/^--shards: required/);
    expect(refusal(['--journal', PG, ...VENUE, '--shards', '0-4', '--shard-count', '4'])).toMatch(
      /shards: 4 is not one of 0–3/,
    );
    expect(refusal(['--journal', PG, ...VENUE, '--shards', 'all', '--shard-count', '37'])).toMatch(
      /--shard-count: expected a whole number from 1 to 36/,
    );
    expect(refusal(['--journal', PG, ...VENUE, '--shards', 'all', '--port', '80'])).toMatch(
      /^--port: /,
    );
    expect(refusal(['--journal', PG, ...VENUE, '--shards', 'all', '--standby'])).toMatch(
      /^--standby: /,
    );
  });
});
