import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Each file with the SHA-256 of its bytes (hex), in the order given: a report's record of its inputs. */
export async function fileDigests(
  files: readonly string[],
): Promise<{ readonly file: string; readonly sha256: string }[]> {
  const digests: { file: string; sha256: string }[] = [];
  for (const file of files) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    digests.push({ file, sha256: hash.digest('hex') });
  }
  return digests;
}
