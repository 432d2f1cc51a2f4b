import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tarGzOf } from '../support/archive';

/** How each variant differs from the fixture, so that targets (and their findings) differ. */
const changes: Record<string, (dir: string) => Promise<void>> = {
  original: () => Promise.resolve(),
  // The same secrets two lines further down: same fingerprints, other line numbers.
  shifted: async (dir) => {
    const file = path.join(dir, 'config', 'aws.ini');
    await writeFile(file, '; staging account\n; rotated weekly\n' + (await readFile(file, 'utf8')));
  },
  // One secret fewer.
  'aws-only': (dir) => rm(path.join(dir, 'src', 'notify.js')),
  // One secret more, in a file of its own.
  'extra-token': async (dir) => {
    await appendFile(
      path.join(dir, 'src', 'ci.js'),
      "export const CI_TOKEN = 'ghp_R7mK2xQ9vL4tW8nB3cJ6pF1sD5hG0yZqUeAi';\n",
    );
  },
};

/** The variants' names, each giving different findings. */
export const variantNames = Object.keys(changes);

/**
 * The leaky-app fixture changed as variant `index` (modulo the variant count) says, as a .tar.gz. A
 * `nonce` adds a note without secrets: other bytes, so another target the worker has never cached.
 */
export async function targetVariant(fixture: string, index: number, nonce?: string): Promise<Buffer> {
  const name = variantNames[index % variantNames.length]!;
  const scratch = await mkdtemp(path.join(tmpdir(), 'ff-chaos-target-'));
  try {
    const dir = path.join(scratch, name);
    await cp(fixture, dir, { recursive: true });
    await changes[name]!(dir);
    if (nonce) await writeFile(path.join(dir, 'NOTES.txt'), `build ${nonce}\n`);
    return await tarGzOf(dir);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
