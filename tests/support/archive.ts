import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** A .tar.gz of a directory, built in memory (fixtures are small). */
export async function tarGzOf(dir: string): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const name = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) await walk(name);
      else archive.entry({ name, mtime: new Date(0) }, await readFile(path.join(dir, name)));
    }
  };
  await walk('');
  archive.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}
