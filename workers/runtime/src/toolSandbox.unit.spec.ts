import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { networkIsolation, sandboxedCommand } from './toolSandbox';

describe('sandboxedCommand', () => {
  it('sets rlimits in a shell that execs the tool with its own arguments', () => {
    const wrapped = sandboxedCommand(
      '/usr/bin/tool',
      ['--flag', 'a b'],
      { memoryBytes: 2048, cpuSeconds: 9.5, network: 'host' },
      'netns',
    );
    expect(wrapped).toEqual({
      command: '/bin/sh',
      args: ['-c', 'ulimit -v 2 && ulimit -t 10 && exec "$0" "$@"', '/usr/bin/tool', '--flag', 'a b'],
      networkIsolated: false,
    });
  });

  it('puts the tool in a network namespace where the host allows one', () => {
    expect(sandboxedCommand('tool', [], { network: 'none' }, 'netns')).toEqual({
      command: 'unshare',
      args: ['--net', '--', 'tool'],
      networkIsolated: true,
    });
    expect(sandboxedCommand('tool', [], { network: 'none' }, 'userns').args.slice(0, 3)).toEqual([
      '--user',
      '--map-root-user',
      '--net',
    ]);
    expect(sandboxedCommand('tool', [], { network: 'none' }, 'unavailable')).toEqual({
      command: 'tool',
      args: [],
      networkIsolated: false,
    });
  });

  it('really cuts the network and bounds memory on this host (when it allows namespaces)', () => {
    const isolation = networkIsolation();
    const probe = sandboxedCommand(
      '/bin/sh',
      ['-c', 'cat /proc/net/dev | tail -n +3 | wc -l; ulimit -v'],
      { network: 'none', memoryBytes: 512 * 1024 * 1024 },
      isolation,
    );
    const out = spawnSync(probe.command, probe.args, { encoding: 'utf8' }).stdout.trim().split('\n');
    // Only the loopback interface exists inside the namespace.
    if (isolation !== 'unavailable') expect(out[0]).toBe('1');
    expect(out[1]).toBe(String(512 * 1024));
  });
});
