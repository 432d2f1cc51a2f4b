import { ProvisionError } from './provisionError';
import { runCommand } from './runCommand';

/**
 * Refuses, naming what needed it and the fix, when there is no `go` command: tools built from the Go
 * module proxy (gosec, docker compose) need the toolchain.
 */
export async function requireGoToolchain(
  needs: string,
  fix: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const go = await runCommand('go', ['version'], env).catch(() => undefined);
  if (go?.code !== 0) throw new ProvisionError('prerequisite-missing', needs, fix);
}
