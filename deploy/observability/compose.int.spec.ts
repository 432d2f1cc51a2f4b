import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { stackConfigFromEnv } from '@fuzzforge/local-stack';
import {
  composeBinaryOf,
  composeVersion,
  dockerComposeCommand,
  provisionDockerCompose,
  type ComposeCommand,
} from '../local/src/dockerCompose';

// `docker compose config` is the check the issue asks CI for: the real compose, built from the Go module
// proxy (no Docker engine is needed to resolve and validate a compose file).
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const composeFile = path.join(here, 'compose.yaml');
const stackRoot = stackConfigFromEnv(process.env, repoRoot, 'test').root;
const log = createLogger('compose-int', { level: 'warn' });

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function run({ command, args, env }: ComposeCommand): Promise<Outcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error; // could not start at all
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const compose = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Outcome> =>
  run(await dockerComposeCommand(stackRoot, args, log, env));

interface ResolvedProject {
  services: Record<string, { volumes?: { type: string; source: string }[] }>;
}

describe('deploy/observability/compose.yaml under docker compose config', () => {
  beforeAll(async () => {
    // The first run builds compose from source: minutes on two cores. Later runs find it installed.
    await provisionDockerCompose(stackRoot, log);
  }, 20 * 60_000);

  it('is accepted by the real `docker compose` subcommand, without a warning', async () => {
    const command = await dockerComposeCommand(stackRoot, ['version'], log);
    expect(command.command).toMatch(/(^|\/)docker$/);
    const version = await run(command);
    expect(version.stdout).toContain(composeVersion);

    const result = await compose(['-f', composeFile, 'config', '--quiet']);
    expect(result.code, `docker compose config refused ${composeFile}:\n${result.stderr}`).toBe(0);
    expect(result.stderr, 'docker compose config warned').toBe('');
    expect(result.stdout).toBe('');
  });

  it('resolves to the four backends, every bind mount pointing at something in the repository', async () => {
    const result = await compose(['-f', composeFile, 'config', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const project = JSON.parse(result.stdout) as ResolvedProject;
    expect(Object.keys(project.services).sort()).toEqual([
      'grafana',
      'otel-collector',
      'prometheus',
      'tempo',
    ]);
    const binds = Object.values(project.services).flatMap((s) => s.volumes ?? []);
    const sources = binds.filter((v) => v.type === 'bind').map((v) => v.source);
    expect(sources.length).toBeGreaterThan(0);
    // Docker would create a missing source as an empty directory and the service would start misconfigured.
    for (const source of sources) expect(existsSync(source), source).toBe(true);
  });

  describe('a broken compose document', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'ff-compose-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each([
      ['a misspelt key', 'services:\n  web:\n    imagee: nginx:1.27\n', /imagee/],
      [
        'a dependency on a service that does not exist',
        'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n',
        /depends on undefined service "?db"?/,
      ],
    ])('is refused with compose’s own message: %s', async (_name, document, message) => {
      const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
      await writeFile(file, document);
      const result = await compose(['-f', file, 'config', '--quiet']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(message);
    });
  });

  it('runs as a standalone docker-compose where there is no docker CLI', async () => {
    const env = { ...process.env, PATH: path.join(stackRoot, 'no-such-dir') };
    const args = ['-f', composeFile, 'config', '--quiet'];
    const command = await dockerComposeCommand(stackRoot, args, log, env);
    expect(command).toEqual({ command: composeBinaryOf(stackRoot), args, env: {} });
    const result = await run({ ...command, env: { PATH: env.PATH } });
    expect(result.code, result.stderr).toBe(0);
  });

  it('is instant once provisioned', async () => {
    const started = performance.now();
    await expect(provisionDockerCompose(stackRoot, log)).resolves.toBe(composeBinaryOf(stackRoot));
    // A marker check, not a build (a warm-cache rebuild alone takes seconds).
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
