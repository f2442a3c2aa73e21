import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SOURCE = join(HERE, 'peer.cpp');
/** The FIX 4.4 dictionary QuickFIX validates against (jspurefix's data/FIX44.xml, MIT). */
export const DICTIONARY = join(HERE, 'FIX44.xml');

/**
 * Builds the QuickFIX peer (peer.cpp, or another `source` such as venue-peer.cpp) once per source version, cached in the temp dir (≈6 s with g++ 12),
 * and returns the binary's path. Needs `libquickfix-dev` and `g++` (.ci/run installs them).
 */
export function buildPeer(source = SOURCE): string {
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `exo-qf-peer-${hash}`);
  const binary = join(dir, 'qf-peer');
  if (existsSync(binary)) return binary;
  if (!existsSync('/usr/include/quickfix/Session.h'))
    throw new Error(
      'QuickFIX/C++ headers missing: apt-get install -y libquickfix-dev g++ (as .ci/run does)',
    );
  mkdirSync(dir, { recursive: true });
  const partial = `${binary}.${process.pid}`;
  execFileSync('g++', [
    '-std=c++14',
    '-O1',
    '-w',
    '-o',
    partial,
    source,
    '-lquickfix',
    '-lpthread',
  ]);
  renameSync(partial, binary);
  return binary;
}

/** A running QuickFIX peer: its stdout lines as they come, commands on stdin, stop or kill. */
export class PeerProcess {
  readonly lines: string[] = [];
  readonly #child: ChildProcess;
  readonly #waiters = new Set<() => void>();
  #exited = false;

  constructor(binary: string, args: readonly string[]) {
    this.#child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let partial = '';
    this.#child.stdout!.on('data', (chunk: Buffer) => {
      partial += chunk.toString('latin1');
      const lines = partial.split('\n');
      partial = lines.pop()!;
      this.lines.push(...lines);
      for (const wake of this.#waiters) wake();
    });
    this.#child.on('exit', () => {
      this.#exited = true;
      for (const wake of this.#waiters) wake();
    });
  }

  /** Starts an acceptor or initiator with its own file store in `storeDir`. */
  static start(
    role: 'acceptor' | 'initiator',
    port: number,
    storeDir: string,
    sender: string,
    target: string,
    heartBtInt = 1,
  ): PeerProcess {
    return new PeerProcess(buildPeer(), [
      role,
      String(port),
      storeDir,
      sender,
      target,
      DICTIONARY,
      String(heartBtInt),
    ]);
  }

  /** The first line (after `from`) satisfying `test`, waiting for it up to `timeoutMs`. */
  waitFor(test: (line: string) => boolean, timeoutMs = 10_000, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.lines.slice(from).find(test);
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (this.#exited) {
          done();
          reject(new Error(`QuickFIX peer exited; output:\n${this.lines.join('\n')}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`timed out waiting on the QuickFIX peer; output:\n${this.lines.join('\n')}`),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Sends one command line (see peer.cpp). */
  command(line: string): void {
    this.#child.stdin!.write(`${line}\n`);
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the process. */
  signal(signal: 'SIGSTOP' | 'SIGCONT' | 'SIGKILL'): void {
    this.#child.kill(signal);
  }

  /** Kills the process with SIGKILL and waits for it to exit. */
  async kill(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.kill('SIGKILL');
    await exited;
  }
}

/** The value of `tag` in a peer output line ("IN 8=FIX.4.4|9=...|"), or undefined. */
export function fieldOf(line: string, tag: number): string | undefined {
  const field = line
    .split('|')
    .map((f) => f.replace(/^(IN|OUT) /, ''))
    .find((f) => f.startsWith(`${tag}=`));
  return field?.slice(field.indexOf('=') + 1);
}

/** Whether a peer output line is a message in the given direction with the given MsgType. */
export function isMessage(line: string, direction: 'IN' | 'OUT', msgType: string): boolean {
  return line.startsWith(`${direction} `) && line.includes(`|35=${msgType}|`);
}

/** A fresh directory for a QuickFIX or exo store. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'exo-fix-interop-'));
}
