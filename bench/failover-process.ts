import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const EXO = join(ROOT, 'dist/cli/exo.js');

/** One pino line an exo process logged: its message, its time (epoch ms) and its fields. */
export interface LogLine {
  readonly msg: string;
  readonly time: number;
  readonly [field: string]: unknown;
}

/** An exo process the failover bench started, with every log line it printed so far. */
export interface BenchProcess {
  readonly child: ChildProcess;
  /** Its stdout's JSON log lines, parsed, in order. */
  readonly lines: readonly LogLine[];
  /** Everything it printed that is not a JSON log line (the banner, stderr). */
  readonly text: () => string;
  /** The first line `match` accepts, waiting up to `timeoutMs` for it. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
}

/**
 * Builds dist/ (`tsc -p tsconfig.build.json`) when it is missing or older than a file of src/:
 * the bench runs the compiled exo, whose start does no transpiling (on a loaded machine a start
 * under tsx costs seconds of CPU), and must run the source it sits beside, never a stale build.
 */
export function ensureBuilt(): void {
  const built = existsSync(EXO) ? statSync(EXO).mtimeMs : 0;
  const newest = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const path = join(dir, entry.name);
        return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
      }),
    );
  if (newest(join(ROOT, 'src')) <= built) return;
  console.error('ha-failover: building dist/ (tsc -p tsconfig.build.json)');
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/**
 * Starts the compiled exo (dist/cli/exo.js) with `args`, `env` added to the bench's environment;
 * everything it prints is also appended to `log` when given, for a post-mortem.
 */
export function startExo(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  log?: string,
): BenchProcess {
  const child = spawn(process.execPath, [EXO, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (log !== undefined) {
    const file = createWriteStream(log, { flags: 'a' });
    file.write(`--- ${new Date().toISOString()} pid ${child.pid}: exo ${args.join(' ')}\n`);
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
    child.once('close', (code, signal) => file.end(`--- exited: ${code ?? signal}\n`));
  }
  const lines: LogLine[] = [];
  let text = '';
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      if (part.startsWith('{')) lines.push(JSON.parse(part) as LogLine);
      else text += `${part}\n`;
    }
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const wake of waiters) wake();
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const waitFor = (match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const look = (): void => {
        const found = lines.find(match);
        if (found === undefined) return;
        done();
        resolve(found);
      };
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(look);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`exo ${args.join(' ')}: awaited log line not seen; it printed:\n${text}`));
      }, timeoutMs);
      waiters.add(look);
      look();
      void exited.then(() => {
        if (!waiters.has(look)) return;
        done();
        reject(new Error(`exo ${args.join(' ')} exited (${child.exitCode}); it printed:\n${text}`));
      });
    });
  return { child, lines, text: () => text, waitFor, exited };
}

/** Waits until `process` has printed text matching `pattern` (a banner), then returns its match. */
export async function printed(
  process: BenchProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(process.text());
    if (match !== null) return match;
    if (performance.now() > deadline || process.child.exitCode !== null) {
      throw new Error(`expected ${pattern} from exo; it printed:\n${process.text()}`);
    }
    await sleep(20);
  }
}

/**
 * Polls `url`/healthz every `everyMs` until it answers 200 (serving: recovered and ready); the
 * moment it did, on this process's performance clock. A refused connection is a standby not yet
 * listening.
 */
export async function untilHealthy(url: string, timeoutMs: number, everyMs = 100): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // Not listening yet.
    }
    await sleep(everyMs);
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** Kills with SIGKILL (no shutdown of any kind) and waits until the process is gone. */
export async function kill9(process: BenchProcess): Promise<void> {
  if (process.child.exitCode === null && process.child.signalCode === null) {
    process.child.kill('SIGKILL');
  }
  await process.exited;
}

/** `count` ports in the range the bench may use (29900–29999) that nothing listens on now. */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = 29_900; port < 30_000 && ports.length < count; port++) {
    if (await bindable(port)) ports.push(port);
  }
  if (ports.length < count) throw new Error(`fewer than ${count} free ports in 29900–29999`);
  return ports;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
