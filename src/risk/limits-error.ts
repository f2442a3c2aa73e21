/**
 * Limits that cannot be used: the file (or `request body`) they came from, the path of the field
 * at fault (`perSymbol.BTC-USD.maxParentNotional`, or empty for the whole document) and why.
 */
export class LimitsFileError extends Error {
  override readonly name = 'LimitsFileError';

  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path === '' ? '' : `${path}: `}${reason}`);
  }
}
