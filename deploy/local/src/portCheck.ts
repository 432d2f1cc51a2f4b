import net from 'node:net';
import { portBindings, type StackPorts } from './stackConfig';
import { StackError } from './stackError';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Fails before anything starts when a port is taken, naming the variable that moves it. `waitMs` gives
 * servers of a crashed predecessor time to be taken down by its watchdog.
 */
export async function assertPortsFree(ports: StackPorts, waitMs = 0): Promise<void> {
  const deadline = Date.now() + waitMs;
  const bindings = portBindings(ports);
  for (;;) {
    const free = await Promise.all(bindings.map(({ port }) => canListen(port)));
    const taken = bindings.find((_, index) => !free[index]);
    if (!taken) return;
    if (Date.now() >= deadline) {
      throw new StackError(
        'start-failed',
        `port ${taken.port} on 127.0.0.1 is already in use (needed for ${taken.what})`,
        `stop what listens on ${taken.port} or set ${taken.envVar} to a free port`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
