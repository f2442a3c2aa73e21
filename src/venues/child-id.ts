/**
 * The parent order ID inside a child's `<parentId>-<n>` clOrdId: how a venue addresses a reject
 * about a child it never saw. An ID without the suffix is returned whole.
 */
export function parentIdOf(clOrdId: string): string {
  const dash = clOrdId.lastIndexOf('-');
  return dash > 0 ? clOrdId.slice(0, dash) : clOrdId;
}
