import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** A fresh temporary directory for a venue's store. */
export function storeDir(): string {
  return mkdtempSync(join(tmpdir(), 'exo-fix-venue-'));
}

/** Resolves once the venue's order journal in `dir` holds a line matching `pattern`: the venue has it. */
export async function untilJournaled(dir: string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pattern.test(readFileSync(join(dir, 'orders.jsonl'), 'utf8'))) {
    if (Date.now() > deadline) throw new Error(`venue journal never matched ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * `exo venue --protocol fix` in a process of its own (from source, through tsx), so that a test
 * can kill it with -9 and start it again on the same store.
 */
export class FixVenueProcess {
  readonly output: string[] = [];
  /** The port it listens on, read from its banner. */
  port = 0;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
  }

  /** Starts the venue with `args` after `--protocol fix`; resolves once it listens. */
  static async start(args: readonly string[]): Promise<FixVenueProcess> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/venues/standalone/venue-process.ts'),
        '--protocol',
        'fix',
        ...args,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const venue = new FixVenueProcess(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`venue did not start: ${venue.output.join('')}`)),
        30_000,
      );
      const check = (): void => {
        const banner = /listening on \S+:(\d+)/.exec(venue.output.join(''));
        if (banner === null) return;
        venue.port = Number(banner[1]);
        clearTimeout(timer);
        resolve();
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`venue exited with ${code}: ${venue.output.join('')}`));
      });
    });
    return venue;
  }

  /** Kills the process with `signal` and resolves once it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await gone;
  }
}
