import { findOnPath, probeVersion } from '@fuzzforge/worker-runtime/provision';
import type { GosecBinaries } from './gosecAdapter';

/**
 * Finds gosec and the go command it needs and checks that both answer; the list of what is missing
 * otherwise (each with the variable that sets it).
 */
export async function locateGoTools(
  gosecPath: string,
  goPath: string | undefined,
): Promise<{ ok: true; tools: GosecBinaries } | { ok: false; missing: string[] }> {
  const go = goPath ?? (await findOnPath('go'));
  const [gosecVersion, goVersion] = await Promise.all([
    probeVersion(gosecPath, ['--version'], /Version:\s*(\S+)/),
    go ? probeVersion(go, ['version'], /go version go(\S+)/) : undefined,
  ]);
  const missing = [
    ...(gosecVersion ? [] : [`gosec at ${gosecPath} (FF_GOSEC_PATH)`]),
    ...(go && goVersion ? [] : [`the go command (PATH or FF_GO_BINARY)`]),
  ];
  if (!go || !gosecVersion || !goVersion) return { ok: false, missing };
  return { ok: true, tools: { gosec: gosecPath, version: gosecVersion, go } };
}
