/**
 * Rewrites a JSON text so that the numbers of the named fields become strings holding their exact
 * digits: `{"price":11500.5}` → `{"price":"11500.5"}`. Exchanges such as BitMEX send prices as JSON
 * numbers; JSON.parse would turn those into binary floats (losing digits beyond about 16), so the
 * raw text is quoted first and then parsed as a decimal.
 *
 * Only a key that follows `{` or `,` is matched: inside a JSON string every `"` is escaped, so the
 * pattern cannot match text within a string value. A number that does not match (a field name not
 * listed, an unusual spacing) stays a number and is then refused by parseDecimal: it fails closed,
 * never silently rounded.
 */
export function numbersAsText(fields: readonly string[]): (json: string) => string {
  for (const field of fields) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field))
      throw new TypeError(`not a plain field name: ${field}`);
  }
  const pattern = new RegExp(
    `([{,]\\s*"(?:${fields.join('|')})"\\s*:\\s*)(-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?=\\s*[,}\\]])`,
    'g',
  );
  return (json) => json.replace(pattern, '$1"$2"');
}
