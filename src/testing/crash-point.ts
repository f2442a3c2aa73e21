/**
 * The moments at which a crash test may make exo die, named: between a commit and the HTTP reply,
 * a child's intent and its send, a send and the venue's ack, a fill's arrival and its commit,
 * and in the middle of a snapshot.
 */
export type CrashPoint =
  | 'commit-before-reply'
  | 'intent-before-send'
  | 'send-before-ack'
  | 'fill-before-commit'
  | 'mid-snapshot';

const armed = process.env.EXO_CRASH_AT;

/**
 * Test-only: when `EXO_CRASH_AT` names this point, the process SIGKILLs itself here, as a power
 * cut or the OOM killer would, so that the crash tests can prove recovery from that exact moment.
 * Unset (always, outside those tests), it does nothing.
 */
export function crashPoint(point: CrashPoint): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL');
}
