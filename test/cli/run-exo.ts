import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';

const EXO = fileURLToPath(new URL('../../src/cli/exo.ts', import.meta.url));
/** tsx's loader by path, so the command also runs from a directory outside the project. */
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** A running `exo` process and what it printed so far. */
export interface Exo {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

const started: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exo-cli-'));
  dirs.push(dir);
  return dir;
}

/**
 * Runs the exo command as its own process, as a user would, with a clean environment; its
 * journal goes to a fresh temp file unless `env` or `args` say otherwise.
 */
export function exo(args: string[], env: Record<string, string> = {}, cwd?: string): Exo {
  const child = spawn(process.execPath, ['--import', TSX, EXO, ...args], {
    env: { PATH: process.env.PATH ?? '', EXO_JOURNAL: join(tempDir(), 'journal.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd === undefined ? {} : { cwd }),
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the banner and returns the dashboard URL it prints. */
export async function urlOf(process: Exo): Promise<string> {
  await expect
    .poll(() => process.stderr(), { timeout: 15_000 })
    .toMatch(/Dashboard: http:\/\/\S+\//);
  return /Dashboard: (http:\/\/\S+)\//.exec(process.stderr())![1]!;
}

/** Places an order through a running exo's HTTP API (no token), expecting 201; its order ID. */
export async function placeOrder(url: string, order: Record<string, unknown>): Promise<string> {
  const placed = await fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(order),
  });
  expect(placed.status).toBe(201);
  return ((await placed.json()) as { orderId: string }).orderId;
}

/** What the process logged so far: its stdout's pino JSON lines, parsed. */
export function logLines(process: Exo): Array<Record<string, unknown>> {
  return process
    .stdout()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A standalone venue process (`exo venue` on a free port) and its URL. */
export async function standaloneVenue(): Promise<string> {
  const process = exo(['venue', '--port', '0', '--latency', '1', '--tick-rate', '200']);
  await expect.poll(() => process.stdout(), { timeout: 15_000 }).toMatch(/listening on ws:\/\//);
  return /listening on (ws:\/\/\S+)/.exec(process.stdout())![1]!;
}
