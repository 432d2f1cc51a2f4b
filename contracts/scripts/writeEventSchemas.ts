/* eslint-disable no-restricted-imports, no-restricted-globals -- a build script writes files; the schemas it reads stay pure */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { eventSchemaFiles } from './eventCatalogue';

/** Where the generated event schemas are checked in. */
export const eventSchemasDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'schemas',
  'events',
);

/** eventSchemaFiles() as `prettier --check` wants them, so `npm run lint` and the sync test agree. */
export async function formattedEventSchemaFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [name, text] of eventSchemaFiles()) {
    const filepath = path.join(eventSchemasDir, name);
    const options = (await resolveConfig(filepath)) ?? {};
    files.set(name, await format(text, { ...options, filepath }));
  }
  return files;
}

/** `npm run event-schemas`: rewrites contracts/schemas/events/ from the zod event schemas. */
async function main(): Promise<void> {
  const files = await formattedEventSchemaFiles();
  await mkdir(eventSchemasDir, { recursive: true });
  for (const name of await readdir(eventSchemasDir)) {
    if (name.endsWith('.json') && !files.has(name)) await rm(path.join(eventSchemasDir, name));
  }
  for (const [name, text] of files) await writeFile(path.join(eventSchemasDir, name), text);
  console.log(`wrote ${files.size} files to ${path.relative(process.cwd(), eventSchemasDir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
