import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

/**
 * Each file's name with the SHA-256 of its bytes (hex), in the order given: a report's record of
 * its inputs. The name without its folder: the report's digest covers it, and the same recording
 * replayed as `day.exo`, `./day.exo` or by its absolute path is the same input.
 */
export async function fileDigests(
  files: readonly string[],
): Promise<{ readonly file: string; readonly sha256: string }[]> {
  const digests: { file: string; sha256: string }[] = [];
  for (const file of files) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    digests.push({ file: basename(file), sha256: hash.digest('hex') });
  }
  return digests;
}
