import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTool, ToolError } from './toolRunner';
import { networkIsolation } from './toolSandbox';

const run = (command: string, args: string[], memoryBytes?: number) =>
  runTool({
    command,
    args,
    cwd: tmpdir(),
    timeoutMs: 20_000,
    sandbox: { network: 'none', ...(memoryBytes ? { memoryBytes } : {}) },
  });

describe('runTool in the sandbox', () => {
  it('stops a tool that allocates past its memory limit, and the caller lives on', async () => {
    const result = await run(
      'python3',
      ['-c', 'x = bytearray(800 * 1024 * 1024); print("allocated")'],
      256 * 1024 * 1024,
    );
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).not.toContain('allocated');
    expect(result.stderr).toContain('MemoryError');
  });

  it('lets a tool within its limit run normally', async () => {
    const result = await run(
      'python3',
      ['-c', 'x = bytearray(16 * 1024 * 1024); print("allocated")'],
      256 * 1024 * 1024,
    );
    expect(result).toMatchObject({ exitCode: 0, stdout: 'allocated\n' });
  });

  it('gives the tool no network interface but loopback, where the host allows namespaces', async () => {
    const result = await run('/bin/sh', ['-c', 'tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " "']);
    if (networkIsolation() !== 'unavailable') expect(result.stdout.trim()).toBe('lo');
  });

  it('still reports a missing tool as not-found', async () => {
    await expect(run('no-such-tool-anywhere', [])).rejects.toMatchObject({ code: 'not-found' });
    await expect(run('no-such-tool-anywhere', [])).rejects.toBeInstanceOf(ToolError);
  });
});
