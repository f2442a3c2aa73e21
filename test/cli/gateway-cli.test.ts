import { describe, expect, it } from 'vitest';
import { GATEWAY_USAGE } from '../../src/cli/gateway-command.js';
import { HELP } from '../../src/cli/help.js';
import { leaseRows } from '../gateway/lease-rows.js';
import { pgReachable, usePgSchemas } from '../journal/backends.js';
import { runMain } from './run-main.js';

describe('exo gateway on the command line', () => {
  it('prints its usage for --help, and is listed by exo --help', async () => {
    const help = runMain(['gateway', '--help'], {});
    expect(await help.exited).toBe(0);
    expect(HELP).toContain('exo gateway --journal postgres://…');
    expect(GATEWAY_USAGE).toMatch(
      /--journal URL .*\n[\s\S]*--host[\s\S]*--port[\s\S]*--token[\s\S]*--allowed-hosts/,
    );
  });

  it('refuses a command line without a postgres journal, or with an unknown flag, with exit 2 naming it', async () => {
    const none = runMain(['gateway'], {});
    expect(await none.exited).toBe(2);
    expect(none.stderr()).toMatch(
      /^exo gateway: --journal \(EXO_JOURNAL\): expected the workers' postgres/,
    );
    const sqlite = runMain(['gateway', '--journal', 'x.db'], {});
    expect(await sqlite.exited).toBe(2);
    const flag = runMain(['gateway', '--journal', 'postgres://h/db', '--shards', 'all'], {});
    expect(await flag.exited).toBe(2);
    expect(flag.stderr()).toMatch(/--shards/);
    const token = runMain(['gateway', '--journal', 'postgres://h/db', '--token', 'short'], {});
    expect(await token.exited).toBe(2);
    expect(token.stderr()).not.toContain('short');
  });

  const freshUrl = usePgSchemas();

  it.skipIf(!pgReachable)(
    'waits for a worker to set the journal up (started first), then serves; stops on a signal, waiting or serving',
    async () => {
      const stopped = runMain(['gateway', '--journal', freshUrl().url, '--port', '0'], {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      stopped.stop();
      expect(await stopped.exited).toBe(0);
      expect(stopped.stderr()).not.toMatch(/serving/);

      const { url } = freshUrl();
      const running = runMain(['gateway', '--journal', url, '--port', '0'], {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(running.stderr()).not.toMatch(/serving/);
      // A worker sets the journal up (its tables, four shards).
      const rows = await leaseRows(url, 4);
      await rows.close();
      const deadline = Date.now() + 10_000;
      while (!running.stderr().includes('serving') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(running.stderr()).toMatch(
        /serving http:\/\/127\.0\.0\.1:\d+ for .* \(0 of 4 shards with a live owner\)/,
      );
      running.stop();
      expect(await running.exited).toBe(0);
    },
  );
});
