const RESOLVED = Promise.resolve();
const ready: Array<() => void> = [];
let flushScheduled = false;

/**
 * Runs a task in a microtask, batched: one microtask runs every task queued before it ends.
 * Node's `queueMicrotask` wraps each callback for async hooks, which costs more than the work
 * of a fast delegate; order processes use this instead. Tasks run in the order they were queued.
 */
export function runSoon(task: () => void): void {
  ready.push(task);
  if (!flushScheduled) {
    flushScheduled = true;
    void RESOLVED.then(flush);
  }
}

function flush(): void {
  let done = 0;
  try {
    while (done < ready.length) ready[done++]!();
  } finally {
    // Only an engine bug throws here: drop the failed task, keep the rest, and let it surface.
    ready.splice(0, done);
    flushScheduled = ready.length > 0;
    if (flushScheduled) void RESOLVED.then(flush);
  }
}
