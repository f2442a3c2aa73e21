/**
 * Exit statuses: 0 after a clean stop, 1 when startup fails otherwise (a port in use, say), 2 for
 * a bad command line or configuration (a flag or variable, or options that cannot work together)
 * or a journal that cannot be used (failing integrity, newer schema): nothing has reached a venue
 * then. Each failure is one line on stderr.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, journal: 2 } as const;
