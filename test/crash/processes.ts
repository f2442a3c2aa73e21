import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The preload that arms EXO_CRASH_AT: exo's crash points do nothing unless a hook is installed. */
const CRASH_HOOK = new URL('./crash-hook.mjs', import.meta.url).href;

/** A process of the harness, with the URL it announced. */
export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  /** Sends a signal, remembered so that the log can say the harness sent it. */
  signal(name: NodeJS.Signals): void;
  /** How the process ended (such as `killed by SIGKILL from the harness`), once its log is complete. */
  readonly ended: Promise<string>;
}

/** A process that ended before announcing itself: how it ended, and everything it printed. */
export class NotStarted extends Error {
  readonly ended: string;

  constructor(entry: string, ended: string, output: string) {
    super(`${entry} did not start: ${ended}; its output:\n${output}`);
    this.name = 'NotStarted';
    this.ended = ended;
  }
}

/**
 * Starts a compiled entry point of exo (from dist/, so that restarts take milliseconds, not a
 * transpile) and resolves with the URL it prints once listening. Its stdout and stderr are piped
 * to `log`, which ends with a line saying how the process ended, so that a failed trial can be
 * explained afterwards; only the output before the announcement is held in memory, to find it.
 * When the environment sets EXO_CRASH_AT, the process preloads the hook that kills it there.
 */
export function startProcess(
  entry: string,
  args: readonly string[],
  announces: RegExp,
  log: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Running> {
  const merged = { ...process.env, ...env };
  const preload = merged.EXO_CRASH_AT === undefined ? [] : ['--import', CRASH_HOOK];
  // A process silent past its start deadline is asked for a diagnostic report (its JS stack: where
  // it is stuck) with SIGUSR2 before it is killed; the report lands beside its log.
  const report = [
    '--report-on-signal',
    '--report-signal=SIGUSR2',
    `--report-directory=${dirname(log)}`,
  ];
  const child = spawn(process.execPath, [...preload, ...report, `${ROOT}dist/${entry}`, ...args], {
    cwd: ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = createWriteStream(log);
  child.stdout?.pipe(file, { end: false });
  child.stderr?.pipe(file, { end: false });
  let sent: NodeJS.Signals | undefined;
  const signal = (name: NodeJS.Signals): void => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    sent = name;
    child.kill(name);
  };
  // 'close' comes after both pipes have ended, so every byte is in the file before the last line.
  const ended = new Promise<string>((resolve) => {
    child.once('close', (code, signalCode) => {
      const how = describeEnd(code, signalCode, sent);
      file.end(`\n[crash harness] ${entry} ${how}\n`, () => resolve(how));
    });
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const detach = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', read);
      child.stderr?.off('data', read);
      child.off('exit', exited);
    };
    const fail = (before: string): void => {
      detach();
      void ended.then((how) => reject(new NotStarted(entry, `${before}${how}`, text)));
    };
    const read = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = announces.exec(text);
      if (match === null) return;
      detach();
      text = '';
      resolve({ child, url: match[1]!, signal, ended });
    };
    const exited = (): void => fail('');
    const timer = setTimeout(() => {
      detach(); // an announcement now comes too late
      child.kill('SIGUSR2');
      setTimeout(() => {
        signal('SIGKILL');
        fail('silent for 20 s (a diagnostic report was asked for), then ');
      }, 2_000);
    }, 20_000);
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', exited);
  });
}

function describeEnd(
  code: number | null,
  signalCode: NodeJS.Signals | null,
  sent: NodeJS.Signals | undefined,
): string {
  if (signalCode !== null) {
    return `killed by ${signalCode} ${signalCode === sent ? 'from the harness' : 'not sent by the harness'}`;
  }
  return `exited with code ${code}${sent === undefined ? '' : ` after ${sent} from the harness`}`;
}

/** Kills a process with SIGKILL (no shutdown of any kind) and waits until it is gone. */
export async function kill9(running: Running): Promise<void> {
  running.signal('SIGKILL');
  await running.ended;
}

/** Stops a process with SIGTERM and waits for it to exit; SIGKILL after a grace period. */
export async function stop(running: Running, graceMs = 10_000): Promise<void> {
  running.signal('SIGTERM');
  const timer = setTimeout(() => running.signal('SIGKILL'), graceMs);
  await running.ended;
  clearTimeout(timer);
}

/**
 * Where exo's HTTP port is picked from: below the kernel's ephemeral range (32768 and up), and
 * below 29,000, where tests that need fixed ports (QuickFIX's peers at 29878–29879) and benches
 * (29900–29999) bind, so that a trial beside them never takes theirs.
 */
const PORTS = { low: 20_000, high: 29_000 } as const;

/**
 * A free port for exo, which must get the same one back at every restart. It is picked below the
 * ephemeral range, so that no outgoing connection (a test running beside the trial, say) takes
 * it while exo is down: a port the kernel handed out for `listen(0)` could be.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = PORTS.low + Math.floor(Math.random() * (PORTS.high - PORTS.low));
    if (await bindable(port)) return port;
  }
}

/** Whether a server can listen on the port on the loopback now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
