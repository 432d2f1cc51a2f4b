import { open } from 'node:fs/promises';
import path from 'node:path';
import { findOnPath } from '@fuzzforge/worker-runtime/provision';
import type { FlawfinderBinary } from './flawfinderAdapter';

/** The interpreter a `#!` line names when it is Python (`#!/usr/bin/python3`, `#!/usr/bin/env python3`). */
export function pythonOfShebang(firstLine: string): string | undefined {
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
  if (!m) return undefined;
  const [, interpreter = '', argument] = m;
  const program = path.basename(interpreter) === 'env' ? argument : interpreter;
  return program && /^python[\d.]*$/.test(path.basename(program)) ? program : undefined;
}

/** How to run the flawfinder at `script`: through its Python interpreter when it is a Python script. */
export async function flawfinderBinaryOf(script: string, version: string): Promise<FlawfinderBinary> {
  const file = await open(script, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
  } finally {
    await file.close();
  }
  const named = pythonOfShebang(head);
  const python = named && !path.isAbsolute(named) ? await findOnPath(named) : named;
  return python ? { script, python, version } : { script, version };
}
