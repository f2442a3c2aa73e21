#!/usr/bin/env node
/** The `exo` command: starts the execution engine with its HTTP API and dashboard. */
import { main } from './main.js';

const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

const status = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  onSignal(handler) {
    const once = (signal: NodeJS.Signals): void => {
      for (const name of signals) process.off(name, once);
      // A second Ctrl-C while stopping means "now": Node's default handling exits at once.
      handler(signal);
    };
    for (const name of signals) process.on(name, once);
  },
  onReload(handler) {
    process.on('SIGHUP', handler);
    return () => process.off('SIGHUP', handler);
  },
});
process.exit(status);
