import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** `exo` run in this process: its exit status once it returns, what it wrote to stderr, and a stop. */
export interface InProcessExo {
  readonly exited: Promise<number>;
  readonly stderr: () => string;
  /** Sends the signal a Ctrl-C would. */
  stop(): void;
  /** Sends what a SIGHUP would: the limits file is read again. */
  reload(): void;
}

/** Runs the exo command in this process with `argv` and `env` (logs silenced), as exo.ts would. */
export function runMain(argv: string[], env: Record<string, string>): InProcessExo {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk) => {
    text += chunk;
  });
  let signal: (signal: NodeJS.Signals) => void = () => {};
  let reload: () => void = () => {};
  const exited = main({
    argv,
    env: { EXO_LOG_LEVEL: 'silent', ...env },
    stdout: new PassThrough(),
    stderr,
    onSignal: (handler) => {
      signal = handler;
    },
    onReload: (handler) => {
      reload = handler;
      return () => {
        reload = () => {};
      };
    },
  });
  return { exited, stderr: () => text, stop: () => signal('SIGINT'), reload: () => reload() };
}
