/** The FIX CheckSum (10): the byte sum modulo 256 of everything before the CheckSum field, as three digits. */
export function fixChecksum(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i]!;
  return String(sum & 255).padStart(3, '0');
}
