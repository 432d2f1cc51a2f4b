import { describe, expect, it } from 'vitest';
import { platformProcesses } from './platformProcesses';
import type { StackProcessName } from './processSpecs';
import type { RunningServices } from './services';
import type { RunningStack } from './stack';

// Stand-ins for the supervisors: a crash takes the process down, and it comes back a little later
// with the next pid (a server: healthy only later still). Real processes are the chaos suite's job.
function fakePlatform() {
  let nextPid = 100;
  const pids = new Map<string, number | undefined>(
    ['api', 'dispatcher', 'nats', 'temporal', 'postgres', 's3'].map((n) => [n, nextPid++]),
  );
  const healthy = new Map<string, Promise<void>>();
  const comeBack = (name: string, afterMs: number): void => {
    pids.set(name, undefined);
    setTimeout(() => pids.set(name, nextPid++), afterMs);
  };
  const stack = {
    pid: (name: StackProcessName) => pids.get(name),
    crash(name: StackProcessName) {
      comeBack(name, 30);
      healthy.set(name, new Promise((resolve) => setTimeout(resolve, 80)));
    },
    healthy: (name: StackProcessName) => healthy.get(name) ?? Promise.resolve(),
  } as unknown as RunningStack;
  const services = {
    pid: (name: string) => pids.get(name),
    crash: (name: string) => comeBack(name, 30),
  } as unknown as RunningServices;
  // Nothing listens on this port: the API never answers /healthz, so only `dispatcher` is crashed.
  return platformProcesses(stack, services, ['api', 'dispatcher'], 'http://127.0.0.1:9');
}

describe('platform processes', () => {
  it('lists the services, then the stack servers', () => {
    expect(fakePlatform().names).toEqual(['api', 'dispatcher', 'nats', 'temporal', 'postgres', 's3']);
  });

  it('crashes a service and resolves once another process runs in its place', async () => {
    const processes = fakePlatform();
    const before = processes.pid('dispatcher');
    const report = await processes.crash('dispatcher');
    expect(report).toMatchObject({ name: 'dispatcher', killedPid: before, pid: processes.pid('dispatcher') });
    expect(report.pid).not.toBe(before);
  });

  it('waits for a crashed server to be healthy again, not just running', async () => {
    const report = await fakePlatform().crash('postgres');
    expect(report.downMs).toBeGreaterThanOrEqual(75);
  });

  it('gives up when the process does not come back in time', async () => {
    await expect(fakePlatform().crash('api', { timeoutMs: 300 })).rejects.toThrow(
      'timed out waiting for the API to answer',
    );
  });

  it('refuses unknown names and processes that are already down', async () => {
    const processes = fakePlatform();
    expect(() => processes.pid('mailer')).toThrow('no process named mailer');
    void processes.crash('nats');
    await expect(processes.crash('nats')).rejects.toThrow('nats is down already');
  });
});
