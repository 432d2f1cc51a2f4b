import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TargetResponse } from '@fuzzforge/contracts';
import { tarGzOf } from '../support/archive';
import { uniqueProject } from '../support/fuzzRuns';
import { callTool, expectInputErrors, scanAndTriage, toolNames } from './mcpFlow';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const maxUploadBytes = 1024 * 1024;

/** Starts `ff-mcp --http --port 0` (without FF_API_KEY: each caller brings its own) and finds its URL. */
async function startHttpServer(): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'services', 'mcp', 'bin', 'ff-mcp.mjs'), '--http', '--port', '0'],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        FF_API_URL: inject('apiUrl'),
        FF_MCP_MAX_UPLOAD_BYTES: String(maxUploadBytes),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      log += c.toString();
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(log);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`ff-mcp exited ${code}: ${log}`)));
  });
  return { child, url: await url, log: () => log };
}

const connect = async (url: string, key: string): Promise<Client> => {
  const client = new Client({ name: 'fuzzforge-e2e', version: '0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  return client;
};

describe('ff-mcp over Streamable HTTP, through the official MCP client', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let client: Client;
  const project = uniqueProject('mcp-http');

  beforeAll(async () => {
    server = await startHttpServer();
    client = await connect(server.url, inject('apiKey'));
  });

  afterAll(async () => {
    await client?.close();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
    }
  });

  it('refuses a client without a bearer key with 401', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '0' } },
      }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(JSON.stringify(await res.json())).toContain('Authorization: Bearer');
  });

  it("acts with each caller's own key: a wrong key reaches the API as such and is refused there", async () => {
    const stranger = await connect(server.url, 'ff_not_a_real_key_0123456789abcdef');
    const answer = await callTool(stranger, 'list_workflows', {});
    await stranger.close();
    expect(answer.isError).toBe(true);
    expect(answer.text).toMatch(/401/);
    expect(answer.text).toContain('Authorization: Bearer');
  });

  it('lists every tool; upload takes bounded base64 content, never a path', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(toolNames);
    const upload = tools.find((t) => t.name === 'upload_target')!;
    expect(Object.keys(upload.inputSchema.properties ?? {}).sort()).toEqual([
      'contentBase64',
      'filename',
      'project',
    ]);
  });

  it('uploads a base64 tar.gz, scans it, finds the planted key, exports SARIF and triages it', async () => {
    const archive = await tarGzOf(path.join(repoRoot, 'tests', 'fixtures', 'leaky-app'));
    const uploaded = await callTool<TargetResponse>(client, 'upload_target', {
      contentBase64: archive.toString('base64'),
      filename: 'leaky-app.tar.gz',
      project,
    });
    expect(uploaded.isError, `${uploaded.text}\n${server.log()}`).toBe(false);
    expect(uploaded.data).toMatchObject({ size: archive.length, filename: 'leaky-app.tar.gz' });
    await scanAndTriage(client, uploaded.data, project, 'accepted_risk');
  });

  it("acts with each caller's own rights: a read-only key may list but not start a run", async () => {
    const res = await fetch(`${inject('apiUrl')}/v1/admin/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mcp-e2e-reader', scopes: ['read'] }),
    });
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: string };
    const reader = await connect(server.url, key);
    try {
      const workflows = await callTool<{ workflows: { name: string }[] }>(reader, 'list_workflows', {});
      expect(workflows.isError, workflows.text).toBe(false);
      expect(workflows.data.workflows.map((w) => w.name)).toContain('secret-scan');
      const denied = await callTool(reader, 'start_run', { target: 'abc', workflow: 'secret-scan', project });
      expect(denied.isError).toBe(true);
      expect(denied.text).toMatch(/403/);
      expect(denied.text).toContain('Next: This API key may not do that');
    } finally {
      await reader.close();
    }
  });

  it('refuses content beyond the upload limit with the limit and what to do instead', async () => {
    const tooBig = Buffer.alloc(maxUploadBytes + 1, 7).toString('base64');
    const answer = await callTool(client, 'upload_target', { contentBase64: tooBig, filename: 'big.bin' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('contentBase64');
    expect(answer.text).toContain('1 MiB');
    expect(answer.text).toContain('ff targets upload');
  });

  it('refuses a local path over HTTP', async () => {
    const answer = await callTool(client, 'upload_target', { path: '/etc/passwd', filename: 'passwd' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('contentBase64');
  });

  it('turns bad input and API errors into tool errors that name the field', async () => {
    await expectInputErrors(client);
  });
});
