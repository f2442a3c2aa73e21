import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A process of the harness, with the URL it announced. */
export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/**
 * Starts a compiled entry point of exo (from dist/, so that restarts take milliseconds, not a
 * transpile) and resolves with the URL it prints once listening.
 */
export function startProcess(
  entry: string,
  args: readonly string[],
  announces: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<Running> {
  const child = spawn(process.execPath, [`${ROOT}dist/${entry}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const output = (): string => text;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start:\n${text}`));
    }, 20_000);
    const read = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = announces.exec(text);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code ?? signal}) before starting:\n${text}`));
    });
  });
}

/** Kills a process with SIGKILL (no shutdown of any kind) and waits until it is gone. */
export function kill9(running: Running): Promise<void> {
  return new Promise((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) {
      resolve();
      return;
    }
    running.child.once('exit', () => resolve());
    running.child.kill('SIGKILL');
  });
}

/** Stops a process with SIGTERM and waits for it to exit; SIGKILL after a grace period. */
export function stop(running: Running, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => running.child.kill('SIGKILL'), graceMs);
    running.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    running.child.kill('SIGTERM');
  });
}
