import { summarizeTicks, TickFileError, TickReader } from '../ticks/index.js';

/** What `exo cat` and `exo info` write to. */
export interface TickCommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** How `exo cat` and `exo info` are used. */
export const TICK_USAGE = `Usage: exo cat FILE [--allow-truncated]    print a recording as JSON lines (header first)
       exo info FILE [--allow-truncated]   its header, counts by kind and symbol, time span,
                                           every block verified
FILE is an exo tick file, or JSON lines (.jsonl, .jsonl.gz). --allow-truncated reads a file that
ends early up to its last whole block. Exit 0 when the file is sound; 2 naming the file and the
position (block and byte offset, event, or line:column) when it is not, or for a bad command line.
`;

/**
 * `exo cat FILE` and `exo info FILE`: prints a recording's events as JSON lines, or what it holds
 * (as JSON) after verifying every block; resolves with the exit status.
 */
export async function runTickCommand(
  action: 'cat' | 'info',
  argv: readonly string[],
  io: TickCommandIO,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(TICK_USAGE);
    return 0;
  }
  const allowTruncated = argv.includes('--allow-truncated');
  const rest = argv.filter((arg) => arg !== '--allow-truncated');
  const file = rest[0];
  if (rest.length !== 1 || file === undefined || file.startsWith('-')) {
    const given = rest.find((arg) => arg.startsWith('-'));
    const problem = given === undefined ? 'expected one FILE' : `unknown option ${given}`;
    io.stderr.write(`exo ${action}: ${problem} (exo ${action} --help)\n`);
    return 2;
  }
  try {
    if (action === 'info') {
      const summary = await summarizeTicks(file, { allowTruncated });
      io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else await cat(file, allowTruncated, io.stdout);
    return 0;
  } catch (error) {
    if (!(error instanceof TickFileError || isMissing(error))) throw error;
    io.stderr.write(`exo ${action}: ${(error as Error).message}\n`);
    return 2;
  }
}

/** Prints the header and each event as a JSON line; stops quietly when the reader goes (`| head`). */
async function cat(
  file: string,
  allowTruncated: boolean,
  out: NodeJS.WritableStream,
): Promise<void> {
  let gone = false;
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') throw error;
    gone = true;
  };
  out.on('error', onError);
  const reader = await TickReader.open(file, { allowTruncated });
  try {
    out.write(`${JSON.stringify(reader.header)}\n`);
    for await (const block of reader.blocks()) {
      let text = '';
      for (const event of block) text += `${JSON.stringify(event)}\n`;
      if (!out.write(text)) await drained(out);
      if (gone) break;
    }
  } finally {
    // The listener stays: a broken pipe's error may still arrive after the last write.
    await reader.close();
  }
}

/** Resolves once `out` drains, closes or fails (the failure is the error listener's). */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    out.on('drain', done).on('close', done).on('error', done);
  });
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
