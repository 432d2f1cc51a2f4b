import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const watchdogModule = fileURLToPath(new URL('./watchdog.ts', import.meta.url));

/** Alive and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

// A supervisor that guards one server, prints the server's pid, and then idles until killed.
const supervisorScript = `
import { spawn } from 'node:child_process';
import { startWatchdog } from ${JSON.stringify(watchdogModule)};
const watchdog = startWatchdog();
const server = spawn('sleep', ['120'], { detached: true, stdio: 'ignore' });
server.on('spawn', () => {
  watchdog.guard(server.pid, 'SIGTERM');
  console.log(server.pid);
});
setInterval(() => undefined, 1000);
`;

describe('watchdog', () => {
  it('takes the guarded servers down when their supervisor is SIGKILLed', async () => {
    const supervisor = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', supervisorScript],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const serverPid = await new Promise<number>((resolve, reject) => {
      supervisor.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      supervisor.once('exit', () => reject(new Error('supervisor exited early')));
    });
    expect(running(serverPid)).toBe(true);
    supervisor.kill('SIGKILL');
    expect(await eventually(() => !running(serverPid), 10_000)).toBe(true);
  }, 20_000);
});
