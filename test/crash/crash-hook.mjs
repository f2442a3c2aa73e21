/**
 * Preloaded into an exo the crash harness starts (`node --import …/crash-hook.mjs dist/cli/exo.js`):
 * when EXO_CRASH_AT names a crash point, it installs a hook that SIGKILLs the process there, as a
 * power cut or the OOM killer would. Production code never reads EXO_CRASH_AT; its crash points
 * call whatever hook is installed, and none is outside this harness. It imports the compiled
 * module (dist/), the very instance exo's own imports resolve to.
 */
import { installCrashHook } from '../../dist/util/crash-points.js';

const armed = process.env.EXO_CRASH_AT;
if (armed !== undefined && armed !== '') {
  installCrashHook((point) => {
    if (point === armed) process.kill(process.pid, 'SIGKILL');
  });
}
