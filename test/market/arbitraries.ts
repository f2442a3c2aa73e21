import fc from 'fast-check';

/** Decimal text such as `"1234.5678"`: a positive integer of units placed at a random scale. */
export function decimalText(maxUnits = 10n ** 12n, maxScale = 8): fc.Arbitrary<string> {
  return fc
    .tuple(fc.bigInt({ min: 1n, max: maxUnits }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => placePoint(units, scale));
}

/** Decimal text that may be zero or negative, for the rounding functions. */
export function signedDecimalText(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 8 }))
    .map(([units, scale]) =>
      units < 0n ? `-${placePoint(-units, scale)}` : placePoint(units, scale),
    );
}

function placePoint(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
