import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TargetResponse } from '@fuzzforge/contracts';
import { uniqueProject } from '../support/fuzzRuns';
import { callTool, expectInputErrors, scanAndTriage, toolNames } from './mcpFlow';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = path.join(repoRoot, 'tests', 'fixtures', 'leaky-app');

describe('ff-mcp over stdio, through the official MCP client', () => {
  const client = new Client({ name: 'fuzzforge-e2e', version: '0' });
  const project = uniqueProject('mcp-stdio');
  let stderr = '';

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(repoRoot, 'services', 'mcp', 'bin', 'ff-mcp.mjs'), '--stdio'],
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        FF_API_URL: inject('apiUrl'),
        FF_API_KEY: inject('apiKey'),
      },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
  });

  it('lists every tool, with the API schemas as input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(toolNames);
    const upload = tools.find((t) => t.name === 'upload_target')!;
    expect(upload.inputSchema.required).toEqual(['path']);
    const triage = tools.find((t) => t.name === 'triage_finding')!;
    expect(triage.inputSchema.properties?.['status']).toMatchObject({
      enum: ['open', 'false_positive', 'accepted_risk', 'fixed'],
    });
  });

  it('uploads a local directory, scans it, finds the planted key, exports SARIF and triages it', async () => {
    const uploaded = await callTool<TargetResponse>(client, 'upload_target', { path: fixture, project });
    expect(uploaded.isError, `${uploaded.text}\n${stderr}`).toBe(false);
    // Targets are content-addressed: an earlier run of this test on the same stack filed it elsewhere too.
    expect(uploaded.data).toMatchObject({
      filename: 'leaky-app.tar.gz',
      projects: expect.arrayContaining([project]) as string[],
    });
    await scanAndTriage(client, uploaded.data, project, 'false_positive');
  });

  it('says which path does not exist', async () => {
    const missing = await callTool(client, 'upload_target', { path: 'tests/fixtures/no-such-dir' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain(path.join(repoRoot, 'tests', 'fixtures', 'no-such-dir'));
  });

  it('turns bad input and API errors into tool errors that name the field', async () => {
    await expectInputErrors(client);
  });
});
