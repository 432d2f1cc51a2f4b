import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngineContext } from '../engineContext';
import type { EngineContext } from '../fuzzEngine';

const fixtures = fileURLToPath(new URL('../../../../../tests/fixtures/', import.meta.url));

/** A private copy of a fixture and scratch space, as a campaign hands them to an engine. */
export interface EngineWorkspace extends EngineContext {
  /** Holds `workspace` and `scratch`, and the test's own files: inputs, corpora, crash directories. */
  dir: string;
}

export interface EngineWorkspaces {
  /** A fresh copy of the fixture in its own directory: a new path each time, as every run gets. */
  copy(name: string): Promise<EngineWorkspace>;
  /** Removes every copy. */
  dispose(): Promise<void>;
}

/**
 * Copies of `tests/fixtures/<fixture>` for the real-tool specs of the fuzz engines, all in one temporary
 * directory: make them in `beforeAll`, `dispose` them in `afterAll`.
 */
export async function engineWorkspaces(fixture: string): Promise<EngineWorkspaces> {
  const root = await mkdtemp(path.join(tmpdir(), `ff-${fixture}-`));
  return {
    async copy(name) {
      const dir = path.join(root, name);
      const workspace = path.join(dir, 'workspace');
      const scratch = path.join(dir, 'scratch');
      await cp(path.join(fixtures, fixture), workspace, { recursive: true });
      await mkdir(scratch, { recursive: true });
      return { ...createEngineContext({ workspace, scratch }), dir };
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
