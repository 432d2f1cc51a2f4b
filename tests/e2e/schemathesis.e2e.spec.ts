import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { CreatedApiKey } from '@fuzzforge/contracts';
import { createLogger } from '@fuzzforge/observability';
import { provisionSchemathesis, stackConfigFromEnv } from '@fuzzforge/local-stack';
import { json } from '../support/http';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const api = inject('apiUrl');

/**
 * schemathesis' configuration: no values taken from the API's answers. Those would be the ids of
 * other tests' runs, targets and findings (the int and e2e suites share this platform), which a fuzzed
 * cancel, retry or triage would then change under them. Every id schemathesis sends is its own.
 */
const config = [
  // Nor state kept between runs (a `.schemathesis` directory): each run starts from nothing.
  '[cache]\nenabled = false\n',
  ...['examples', 'coverage', 'fuzzing'].map(
    (phase) => `[phases.${phase}.extra-data-sources]\nresponses = false\n`,
  ),
].join('\n');

const checks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
];

/** Runs `st` to completion, its output kept in memory and bounded in time. */
function runSchemathesis(
  st: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // In a directory of its own, so nothing it writes lands in the repository.
    const child = spawn(st, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** A key of its own: its token bucket is not the one the other tests' default key draws from. */
async function createKey(request: Record<string, unknown>): Promise<CreatedApiKey> {
  const res = await fetch(`${api}/v1/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `schemathesis-${ulid()}`,
      rateLimit: { perSecond: 500, burst: 1000 },
      ...request,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<CreatedApiKey>(res);
}

describe('schemathesis against /openapi.json', () => {
  let st: string;
  let workDir: string;
  const keys: CreatedApiKey[] = [];

  beforeAll(async () => {
    const stackRoot = stackConfigFromEnv(process.env, repoRoot, 'test').root;
    st = await provisionSchemathesis(stackRoot, createLogger('schemathesis', { level: 'warn' }));
    workDir = await mkdtemp(path.join(tmpdir(), 'ff-schemathesis-'));
    await writeFile(path.join(workDir, 'schemathesis.toml'), config);
  });

  afterAll(async () => {
    for (const key of keys) await fetch(`${api}/v1/admin/keys/${key.id}`, { method: 'DELETE' });
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** Runs schemathesis with `key` on the operations `filters` select; fails on any failure, printing its report. */
  async function fuzz(
    name: string,
    key: CreatedApiKey,
    maxExamples: number,
    filters: string[],
  ): Promise<void> {
    const junit = path.join(workDir, `${name}.xml`);
    const args = [
      '--config-file',
      path.join(workDir, 'schemathesis.toml'),
      'run',
      `${api}/openapi.json`,
      '--checks',
      checks.join(','),
      // No stateful phase: it chains real writes (an upload into a run of it) on the shared platform.
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      String(maxExamples),
      '--workers',
      '2',
      '--seed',
      String(Date.now() % 1_000_000),
      ...filters,
      '--header',
      `Authorization: Bearer ${key.key}`,
      '--request-timeout',
      '30',
      '--generation-database',
      'none',
      '--report',
      'junit',
      '--report-junit-path',
      junit,
      '--no-color',
    ];
    const started = performance.now();
    const result = await runSchemathesis(st, args, workDir, 240_000);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(`\n--- schemathesis, ${name} (${seconds} s) ---\n${result.output}\n`);
    const report = await readFile(junit, 'utf8').catch(() => '');
    expect(report, 'schemathesis wrote no JUnit report').toContain('<testsuite');
    expect(result.code, `schemathesis failed after ${seconds} s:\n${result.output.slice(-8000)}`).toBe(0);
  }

  it('fails on an answer its document does not allow', async () => {
    // The live document with one lie in it: /healthz is said to answer `{"status":"fine"}`.
    const document = (await (await fetch(`${api}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    const healthz = {
      get: {
        operationId: 'getHealth',
        security: [],
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': { schema: { type: 'object', properties: { status: { const: 'fine' } } } },
            },
          },
        },
      },
    };
    const lying = path.join(workDir, 'lying-openapi.json');
    await writeFile(lying, JSON.stringify({ ...document, paths: { '/healthz': healthz } }));
    const result = await runSchemathesis(
      st,
      [
        '--config-file',
        path.join(workDir, 'schemathesis.toml'),
        'run',
        lying,
        '--url',
        api,
        '--checks',
        'response_schema_conformance',
        '--max-examples',
        '3',
        '--no-color',
      ],
      workDir,
      60_000,
    );
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain('GET /healthz');
  });

  it('finds no server error and no undocumented answer in the API', async () => {
    // Limited to a project of its own: whatever it uploads or lists stays there.
    const key = await createKey({
      scopes: ['read', 'submit'],
      projects: [`schemathesis-${ulid().toLowerCase()}`],
    });
    keys.push(key);
    // About a minute on two cores.
    await fuzz('api', key, 300, ['--exclude-path-regex', '^/v1/(admin|webhooks)']);
  }, 280_000);

  it('finds no server error and no undocumented answer in the admin views', async () => {
    // Reads only: the admin writes (keys, dead letters, webhooks) change what other tests rely on.
    const key = await createKey({ scopes: ['admin'] });
    keys.push(key);
    await fuzz('admin', key, 150, [
      '--include-path-regex',
      '^/v1/(admin|webhooks)',
      '--exclude-method-regex',
      '^(POST|PUT|PATCH|DELETE)$',
    ]);
  }, 280_000);
});
