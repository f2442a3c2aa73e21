// A quote's spread for the dashboard: pure, so the browser test can check it on its own.

/**
 * Ask minus bid, worked out on the decimal strings' digits so no float rounding shows; negative
 * (with its minus sign) when the quote is crossed.
 */
export function spread(bid, ask) {
  const places = Math.max(decimals(bid), decimals(ask));
  const scale = (text) => BigInt(text.replace('.', '') + '0'.repeat(places - decimals(text)));
  const diff = scale(ask) - scale(bid);
  const sign = diff < 0n ? '-' : '';
  const digits = (diff < 0n ? -diff : diff).toString().padStart(places + 1, '0');
  return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

function decimals(text) {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
