import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tarGzOf } from '../support/archive';

export interface TargetVariant {
  name: string;
  archive: Buffer;
}

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

/** The leaky-app fixture and a few variants of it, each as a .tar.gz. */
export async function targetVariants(fixture: string): Promise<TargetVariant[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'ff-chaos-targets-'));
  try {
    const variants: TargetVariant[] = [];
    for (const [name, change] of Object.entries(changes)) {
      const dir = path.join(scratch, name);
      await cp(fixture, dir, { recursive: true });
      await change(dir);
      variants.push({ name, archive: await tarGzOf(dir) });
    }
    return variants;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
