import { spawn } from 'node:child_process';

/**
 * Takes the stack's servers down with us however this Node process ends, SIGKILL included (Node has no
 * prctl(PR_SET_PDEATHSIG)). A tiny detached shell reads "add <pgid> <signal>" / "del <pgid>" lines from
 * a pipe; when the pipe closes without "quit", we are gone, and it signals every process group it still
 * guards, waits up to 10 s, then SIGKILLs what is left.
 */
export const watchdogScript = `
guarded=''
while read -r cmd pgid sig; do
  case "$cmd" in
    add) guarded="$guarded $pgid:$sig" ;;
    del) kept=''; for g in $guarded; do [ "\${g%%:*}" = "$pgid" ] || kept="$kept $g"; done; guarded=$kept ;;
    quit) exit 0 ;;
  esac
done
for g in $guarded; do kill -"\${g#*:}" -"\${g%%:*}" 2>/dev/null; done
i=0
while [ $i -lt 40 ]; do
  alive=''
  for g in $guarded; do kill -0 -"\${g%%:*}" 2>/dev/null && alive="$alive $g"; done
  [ -z "$alive" ] && exit 0
  guarded=$alive
  i=$((i + 1))
  sleep 0.25
done
for g in $guarded; do kill -KILL -"\${g%%:*}" 2>/dev/null; done
`;

export interface Watchdog {
  /** Guard the process group led by `pgid` (a child spawned with `detached: true`). */
  guard(pgid: number, signal: NodeJS.Signals): void;
  release(pgid: number): void;
  /** We stopped everything ourselves: the watchdog exits without killing anything. */
  close(): void;
}

export function startWatchdog(): Watchdog {
  const child = spawn('/bin/sh', ['-c', watchdogScript], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // Neither the shell nor its pipe may keep this process alive.
  child.unref();
  const stdin = child.stdin;
  (stdin as unknown as { unref?: () => void }).unref?.();
  stdin.on('error', () => undefined); // the watchdog died first: nothing more to tell it
  const send = (line: string): void => {
    if (!stdin.destroyed) stdin.write(line + '\n');
  };
  return {
    guard: (pgid, signal) => send(`add ${pgid} ${signal.replace(/^SIG/, '')}`),
    release: (pgid) => send(`del ${pgid}`),
    close: () => {
      send('quit');
      stdin.end();
    },
  };
}
