import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/config.js';
import { FIX_OPTIONS } from '../../src/cli/fix-option-names.js';
import { HELP } from '../../src/cli/help.js';
import { runMain } from './run-main.js';

const FIX = ['--venue', 'fix://127.0.0.1:9878', '--no-risk-limits'];
const IDS = ['--fix-sender-comp-id', 'EXO', '--fix-target-comp-id', 'PAPER'];

function config(argv: string[], env: Record<string, string> = {}) {
  const command = parseCommand(argv, env);
  if (command.kind !== 'run') throw new Error('expected a run command');
  return command.config;
}

/** The one-line error parseCommand throws for `argv`. */
function refusal(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseCommand(argv, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('exo --venue fix://HOST:PORT: the FIX session from flags, EXO_FIX_* and a session file', () => {
  it('reads the session with defaults: heartbeat 30, no reset, fsync on, ClOrdIDs of 20', () => {
    expect(config([...FIX, ...IDS])).toMatchObject({
      venueUrl: 'fix://127.0.0.1:9878',
      fix: {
        host: '127.0.0.1',
        port: 9878,
        senderCompId: 'EXO',
        targetCompId: 'PAPER',
        storeDir: '.exo/fix',
        heartBtIntSeconds: 30,
        resetOnLogon: false,
        fsync: 'always',
        clOrdIdMaxLength: 20,
      },
    });
  });

  it('a flag wins over its variable, which wins over the session file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-fix-cli-'));
    const file = join(dir, 'session.json');
    writeFileSync(
      file,
      JSON.stringify({
        senderCompId: 'FILE',
        targetCompId: 'T',
        heartbeat: 5,
        reset: true,
        store: '/s',
      }),
    );
    const fix = config([...FIX, '--fix-session', file, '--fix-heartbeat', '7'], {
      EXO_FIX_SENDER_COMP_ID: 'ENV',
      EXO_FIX_FSYNC: 'batch',
    }).fix;
    expect(fix).toMatchObject({
      senderCompId: 'ENV',
      targetCompId: 'T',
      heartBtIntSeconds: 7,
      resetOnLogon: true,
      storeDir: '/s',
      fsync: 'batch',
    });
  });

  it('a missing or invalid value is refused naming the flag and its variable', () => {
    expect(refusal(FIX)).toBe(
      '--fix-sender-comp-id (EXO_FIX_SENDER_COMP_ID): required with --venue fix:// (or in --fix-session)',
    );
    expect(refusal([...FIX, '--fix-sender-comp-id', 'EXO'])).toMatch(
      /^--fix-target-comp-id \(EXO_FIX_TARGET_COMP_ID\): required/,
    );
    expect(refusal([...FIX, ...IDS, '--fix-heartbeat', '0'])).toMatch(
      /^--fix-heartbeat \(EXO_FIX_HEARTBEAT\): expected a whole number from 1 to 3600/,
    );
    expect(refusal([...FIX, ...IDS], { EXO_FIX_RESET: 'maybe' })).toMatch(
      /^--fix-reset \(EXO_FIX_RESET\): expected one of on, off/,
    );
    expect(refusal([...FIX, ...IDS, '--fix-fsync', 'sometimes'])).toMatch(/^--fix-fsync /);
    expect(refusal([...FIX, ...IDS, '--fix-clordid-length', '3'])).toMatch(
      /^--fix-clordid-length /,
    );
    expect(
      refusal([...FIX, '--fix-sender-comp-id', 'has space', '--fix-target-comp-id', 'P']),
    ).toMatch(/^--fix-sender-comp-id .*printable ASCII/);
    expect(refusal(['--venue', 'fix://nohost', '--no-risk-limits', ...IDS])).toMatch(
      /^--venue \(EXO_VENUE\): expected fix:\/\/HOST:PORT/,
    );
    expect(refusal([...FIX, '--fix-session', '/nonexistent/session.json'])).toMatch(
      /^--fix-session \(EXO_FIX_SESSION\): cannot read/,
    );
    expect(refusal([...FIX, ...IDS, '--cancel-on-disconnect', 'on'])).toMatch(
      /^--cancel-on-disconnect .*FIX venue/,
    );
  });

  it('FIX flags without a FIX venue are refused', () => {
    expect(refusal(['--fix-store', '/tmp/x'])).toMatch(
      /^--fix-store \(EXO_FIX_STORE\): only for a FIX venue/,
    );
    expect(refusal(['--venue', 'ws://127.0.0.1:9100', '--no-risk-limits', ...IDS])).toMatch(
      /^--fix-sender-comp-id .*only for a FIX venue/,
    );
  });

  it('exo exits 2 naming the missing setting; --help documents every FIX flag and variable', async () => {
    const exo = runMain([...FIX, '--journal', ':memory:'], {});
    expect(await exo.exited).toBe(2);
    expect(exo.stderr()).toContain('--fix-sender-comp-id (EXO_FIX_SENDER_COMP_ID)');
    for (const [flag, { env }] of Object.entries(FIX_OPTIONS)) {
      expect(HELP).toContain(`--${flag}`);
      expect(HELP).toContain(env);
    }
    expect(HELP).toContain('fix://HOST:PORT');
  });
});
