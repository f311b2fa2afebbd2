// Reads a run history file in pieces of text (1 MiB by default), so that no history is ever one string: each piece goes
// to the format's incremental reader, which may stop the read with a message. Shared by the CSV and JSON loaders.
import { createReadStream, promises as fs } from 'node:fs';

/** How far a read has come, for progress lines. */
export interface ReadProgress {
  readonly rows: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

/**
 * Hands each piece of `file` to `feed` (which answers a message to stop at a problem), and reports progress after each
 * with `rows()`. Resolves with the message that stopped it, or undefined when the whole file was read.
 */
export async function readInPieces(
  file: string,
  label: string,
  feed: (piece: string) => string | undefined,
  options: {
    readonly rows: () => number;
    readonly onProgress?: ((p: ReadProgress) => void) | undefined;
    /** For tests of piece boundaries. */
    readonly chunkBytes?: number | undefined;
  },
): Promise<string | undefined> {
  let totalBytes: number;
  try {
    totalBytes = (await fs.stat(file)).size;
  } catch (error) {
    return readError(label, error);
  }
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: options.chunkBytes ?? 1 << 20 });
  try {
    for await (const chunk of stream) {
      const problem = feed(chunk as string);
      if (problem !== undefined) {
        stream.destroy();
        return problem;
      }
      options.onProgress?.({ rows: options.rows(), bytes: stream.bytesRead, totalBytes });
    }
  } catch (error) {
    return readError(label, error);
  }
  return undefined;
}

/** Why a history file could not be read, phrased for a person. */
function readError(label: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `${label}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}`;
}
