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

/** What runs when the process reaches a crash point, such as a SIGKILL at the one under test. */
export type CrashHook = (point: CrashPoint) => void;

let hook: CrashHook = () => {};

/**
 * Marks a named moment at which a crash must be survivable, so that the crash tests can prove
 * recovery from exactly there. It calls the installed hook; until one is installed (always,
 * outside those tests), it does nothing.
 */
export function crashPoint(point: CrashPoint): void {
  hook(point);
}

/**
 * Installs the hook that every crash point calls from now on. Production never calls it: the kill -9
 * harness preloads test/crash/crash-hook.mjs, which installs one that SIGKILLs exo at EXO_CRASH_AT.
 */
export function installCrashHook(next: CrashHook): void {
  hook = next;
}
