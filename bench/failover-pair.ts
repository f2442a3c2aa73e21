import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchProcess, kill9 } from './failover-process.js';

/**
 * One of the failover bench's two exo processes, on a fixed port, always started with
 * `--standby` (one that finds the lease free starts as any owner). Like a supervisor, it restarts
 * a process that exits by itself (an owner that fenced itself: on a loaded machine a start can
 * stall past 0.8·TTL), counting those exits; one the bench killed stays down until `restart`.
 */
export class Slot {
  readonly port: number;
  readonly #start: (port: number) => BenchProcess;
  #process: BenchProcess;
  #killed = false;
  #selfExits = 0;

  constructor(port: number, start: (port: number) => BenchProcess) {
    this.port = port;
    this.#start = start;
    this.#process = this.#launch();
  }

  /** The process running now (a restart replaces it). */
  get process(): BenchProcess {
    return this.#process;
  }

  /** Its base URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** How many of its processes exited without the bench killing them. */
  get selfExits(): number {
    return this.#selfExits;
  }

  /** Kills the process with SIGKILL now (no waiting); it stays down until `restart`. */
  kill(): void {
    this.#killed = true;
    this.#process.child.kill('SIGKILL');
  }

  /** Kills the process for good (the bench is done) and waits until it is gone. */
  async close(): Promise<void> {
    this.kill();
    await this.#process.exited;
  }

  /** Waits until a killed process is gone, then starts a new one (a standby). */
  async restart(): Promise<void> {
    await kill9(this.#process);
    this.#killed = false;
    this.#process = this.#launch();
  }

  /**
   * Waits until the process running now has logged `pattern` (a restart's new process counts).
   */
  async logged(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.#process;
      try {
        await running.waitFor((line) => pattern.test(line.msg), deadline - Date.now());
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        await sleep(50); // it exited: its restart is awaited on the next pass
      }
    }
  }

  #launch(): BenchProcess {
    const running = this.#start(this.port);
    void running.exited.then(() => {
      if (running !== this.#process || this.#killed) return;
      this.#selfExits++;
      this.#process = this.#launch();
    });
    return running;
  }
}

/**
 * The pair's roles once settled: the slot serving (`/healthz` 200) and the other, whose process
 * has logged that it stands by.
 */
export async function roles(
  a: Slot,
  b: Slot,
  timeoutMs: number,
): Promise<[owner: Slot, standby: Slot]> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    for (const [owner, standby] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!(await answers(owner.url))) continue;
      await standby.logged(/^standby: lease held/, timeoutMs);
      if (await answers(owner.url)) return [owner, standby];
    }
    await sleep(50);
  }
  throw new Error('ha-failover: no owner serving with a standby waiting');
}

/** Whether `url`/healthz answers 200 now. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}
