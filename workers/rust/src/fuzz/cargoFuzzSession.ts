import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  runLibFuzzerSession,
  type EngineContext,
  type FuzzSession,
  type SessionOutcome,
} from '@fuzzforge/worker-runtime';
import type { RustToolchain } from '../rustToolchain';
import { runEnv } from './cargoFuzzEnv';

/**
 * Runs the harness's libFuzzer binary for one session, off the network, in the workspace: Rust names
 * the files of its backtraces relative to its working directory, so they come out workspace-relative.
 */
export async function runCargoFuzzSession(
  toolchain: RustToolchain,
  session: FuzzSession,
  ctx: EngineContext,
): Promise<SessionOutcome> {
  const tmpDir = path.join(ctx.scratch, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  return runLibFuzzerSession(session, ctx, { cwd: ctx.workspace, env: runEnv(toolchain, tmpDir) });
}
