import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const HEADER = 'go test fuzz v1\n';

/** Go's quoting of a byte string (strconv.Quote's escapes; every other byte as `\xNN`). */
function goQuote(bytes: Buffer): string {
  const escapes: Record<number, string> = {
    7: '\\a',
    8: '\\b',
    9: '\\t',
    10: '\\n',
    11: '\\v',
    12: '\\f',
    13: '\\r',
    34: '\\"',
    92: '\\\\',
  };
  let quoted = '"';
  for (const b of bytes) {
    quoted +=
      escapes[b] ??
      (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`);
  }
  return `${quoted}"`;
}

/**
 * An input in Go's corpus file format. Files already in it are kept as they are; anything else is
 * taken as raw bytes for a `func(t *testing.T, data []byte)` fuzz test (Go skips corpus entries that do
 * not fit the fuzz function's arguments, so a raw seed for another signature is ignored, not an error).
 */
export function goCorpusEntry(content: Buffer): Buffer {
  if (content.subarray(0, HEADER.length).toString('latin1') === HEADER) return content;
  return Buffer.from(`${HEADER}[]byte(${goQuote(content)})\n`, 'latin1');
}

const files = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => e.name);

/** Copies a session's corpus into Go's fuzz cache layout (`<cache>/<FuzzName>/`), in Go's format. */
export async function corpusIntoGoCache(corpusDir: string, fuzzDir: string): Promise<void> {
  await mkdir(fuzzDir, { recursive: true });
  for (const name of await files(corpusDir)) {
    await writeFile(path.join(fuzzDir, name), goCorpusEntry(await readFile(path.join(corpusDir, name))));
  }
}

/**
 * Copies what Go added to its fuzz cache back into the session's corpus. Go names entries by content,
 * so a name already there is the same input.
 */
export async function corpusFromGoCache(fuzzDir: string, corpusDir: string): Promise<void> {
  await mkdir(corpusDir, { recursive: true });
  const present = new Set(await files(corpusDir));
  for (const name of await files(fuzzDir)) {
    if (!present.has(name)) await copyFile(path.join(fuzzDir, name), path.join(corpusDir, name));
  }
}
