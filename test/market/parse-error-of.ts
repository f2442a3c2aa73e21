import { ParseError } from '../../src/market/index.js';

/** The ParseError that `run` throws; fails the test if it throws anything else or nothing. */
export function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}
