/**
 * The FIX session options of `exo --venue fix://HOST:PORT`, with their environment variables and
 * defaults: kept apart from options.ts so that FIX settings stay in one place (fix-options.ts reads them).
 */
export const FIX_OPTIONS = {
  'fix-session': { env: 'EXO_FIX_SESSION', fallback: undefined },
  'fix-sender-comp-id': { env: 'EXO_FIX_SENDER_COMP_ID', fallback: undefined },
  'fix-target-comp-id': { env: 'EXO_FIX_TARGET_COMP_ID', fallback: undefined },
  'fix-store': { env: 'EXO_FIX_STORE', fallback: undefined },
  'fix-heartbeat': { env: 'EXO_FIX_HEARTBEAT', fallback: undefined },
  'fix-reset': { env: 'EXO_FIX_RESET', fallback: undefined },
  'fix-fsync': { env: 'EXO_FIX_FSYNC', fallback: undefined },
  'fix-clordid-length': { env: 'EXO_FIX_CLORDID_LENGTH', fallback: undefined },
} as const satisfies Record<string, { env: string; fallback: string | undefined }>;

/** The name of a FIX session option, as its flag is spelt without the dashes. */
export type FixOptionName = keyof typeof FIX_OPTIONS;
