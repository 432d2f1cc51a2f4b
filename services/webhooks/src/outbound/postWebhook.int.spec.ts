import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllowedNetworks } from './addressPolicy';
import { createOutboundAgents } from './outboundAgents';
import { postWebhook, type OutboundPolicy } from './postWebhook';

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real receiver on 127.0.0.1 that records every request it gets, body read in full first. */
async function startReceiver(respond: (req: Received, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      respond(entry, res);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { origin: `http://127.0.0.1:${port}`, port, received, connections: () => connections };
}

const defaults: OutboundPolicy = {
  allowedNetworks: [],
  connectTimeoutMs: 2_000,
  timeoutMs: 5_000,
  maxResponseBytes: 64 * 1024,
  maxRedirects: 3,
};
const local: OutboundPolicy = { ...defaults, allowedNetworks: parseAllowedNetworks('127.0.0.0/8') };

const delivery = (url: string) => ({
  url,
  headers: { 'content-type': 'application/json', 'x-fuzzforge-signature': 'sha256=abc123' },
  body: JSON.stringify({ type: 'run.finished', note: 'naïve ✓' }),
});

const ok = (_req: Received, res: http.ServerResponse) => res.end('thanks');

describe('postWebhook: address policy', () => {
  it('refuses 127.0.0.1 and localhost under the default policy; the receiver sees nothing', async () => {
    const receiver = await startReceiver(ok);

    const literal = await postWebhook(delivery(`${receiver.origin}/hook`), defaults);
    const named = await postWebhook(delivery(`http://localhost:${receiver.port}/hook`), defaults);
    const mapped = await postWebhook(delivery(`http://[::ffff:127.0.0.1]:${receiver.port}/hook`), defaults);

    expect(literal).toMatchObject({
      kind: 'refused',
      address: '127.0.0.1',
      reason: expect.stringMatching(/loopback/) as unknown,
    });
    expect(named).toMatchObject({ kind: 'refused', url: `http://localhost:${receiver.port}/hook` });
    // URLs write it as ::ffff:7f00:1; still loopback once unwrapped.
    expect(mapped).toMatchObject({ kind: 'refused', address: '::ffff:7f00:1' });
    expect(receiver.connections()).toBe(0);
  });

  it('delivers to an allowlisted receiver: method, headers and exact body', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(202).end('accepted'));
    const request = delivery(`${receiver.origin}/hook?x=1`);

    const result = await postWebhook(request, local);

    expect(result).toMatchObject({
      kind: 'response',
      status: 202,
      body: 'accepted',
      truncated: false,
      redirects: 0,
      finalUrl: `${receiver.origin}/hook?x=1`,
    });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      method: 'POST',
      path: '/hook?x=1',
      body: request.body,
      headers: {
        'content-type': 'application/json',
        'x-fuzzforge-signature': 'sha256=abc123',
        'content-length': String(Buffer.byteLength(request.body)),
      },
    });
  });

  it('reports a name that does not resolve as a DNS failure', async () => {
    const result = await postWebhook(delivery('http://no-such-receiver.invalid/hook'), defaults);
    expect(result).toMatchObject({ kind: 'failed', code: 'dns' });
  });
});

describe('postWebhook: redirects', () => {
  it('refuses a redirect to cloud metadata although 127.0.0.0/8 and 169.254.0.0/16 are allowed', async () => {
    const receiver = await startReceiver((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end(),
    );
    const policy = { ...defaults, allowedNetworks: parseAllowedNetworks('127.0.0.0/8,169.254.0.0/16') };

    const result = await postWebhook(delivery(`${receiver.origin}/hook`), policy);

    expect(result).toMatchObject({
      kind: 'refused',
      url: 'http://169.254.169.254/latest/meta-data',
      address: '169.254.169.254',
      reason: expect.stringMatching(/cloud metadata/) as unknown,
    });
  });

  it('follows redirects, absolute and relative, re-POSTing the same headers and body', async () => {
    const target = await startReceiver((req, res) =>
      req.path === '/moved' ? res.writeHead(303, { location: '/final' }).end() : res.end('done'),
    );
    const first = await startReceiver((_req, res) =>
      res.writeHead(308, { location: `${target.origin}/moved` }).end('see there'),
    );
    const request = delivery(`${first.origin}/hook`);

    const result = await postWebhook(request, local);

    expect(result).toMatchObject({ kind: 'response', status: 200, body: 'done', redirects: 2 });
    expect(result.kind === 'response' && result.finalUrl).toBe(`${target.origin}/final`);
    expect(target.received.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/moved', request.body],
      ['POST', '/final', request.body],
    ]);
    expect(target.received[1]?.headers['x-fuzzforge-signature']).toBe('sha256=abc123');
    expect(target.received[1]?.headers.host).toBe(`127.0.0.1:${target.port}`);
  });

  it('gives up after maxRedirects', async () => {
    const loop = await startReceiver((_req, res) => res.writeHead(307, { location: '/again' }).end());

    const result = await postWebhook(delivery(`${loop.origin}/hook`), local);

    expect(result).toMatchObject({ kind: 'failed', code: 'too-many-redirects', url: `${loop.origin}/again` });
    expect(loop.received).toHaveLength(local.maxRedirects + 1);
  });

  it('fails on a Location that is no URL', async () => {
    const broken = await startReceiver((_req, res) => res.writeHead(301, { location: 'http://[::1' }).end());

    const result = await postWebhook(delivery(`${broken.origin}/hook`), local);

    expect(result).toMatchObject({ kind: 'failed', code: 'invalid-redirect' });
  });
});

/**
 * A listener whose process never accepts (its event loop is blocked) and whose backlog is full, so
 * the kernel drops further SYNs: the one way to make a local connect hang without outbound internet.
 */
async function startUnacceptingListener(): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
        console.log(s.address().port);
        setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000), 20);
      });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim()))),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const fillers = Array.from({ length: 4 }, () =>
    net.connect({ port, host: '127.0.0.1' }).on('error', () => {}),
  );
  cleanups.push(() => fillers.forEach((socket) => socket.destroy()));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return port;
}

/** A TCP server that accepts and then says nothing (no HTTP, no TLS) until closed. */
async function startSilentServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    sockets.forEach((socket) => socket.destroy());
    return new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as net.AddressInfo).port;
}

describe('postWebhook: time and size limits', () => {
  it('cuts off a TCP connect that never completes at connectTimeoutMs', async () => {
    const port = await startUnacceptingListener();
    const started = Date.now();

    const result = await postWebhook(delivery(`http://127.0.0.1:${port}/hook`), {
      ...local,
      connectTimeoutMs: 300,
    });

    expect(result).toMatchObject({ kind: 'failed', code: 'connect-timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('counts a TLS handshake that never completes against connectTimeoutMs', async () => {
    const port = await startSilentServer();

    const result = await postWebhook(delivery(`https://127.0.0.1:${port}/hook`), {
      ...local,
      connectTimeoutMs: 300,
    });

    expect(result).toMatchObject({ kind: 'failed', code: 'connect-timeout' });
  });

  it('cuts off a receiver that sends headers and then stalls at timeoutMs', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).flushHeaders());
    const started = Date.now();

    const result = await postWebhook(delivery(`${receiver.origin}/hook`), { ...local, timeoutMs: 400 });

    expect(result).toMatchObject({ kind: 'failed', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('cuts off a receiver that trickles its body at timeoutMs', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(drip));
    });

    const result = await postWebhook(delivery(`${receiver.origin}/hook`), { ...local, timeoutMs: 400 });

    expect(result).toMatchObject({ kind: 'failed', code: 'timeout' });
  });

  it('reads at most maxResponseBytes of a 50 MB response and hangs up', async () => {
    const total = 50 * 1024 * 1024;
    let written = 0;
    let closed!: () => void;
    const serverClosed = new Promise<void>((resolve) => (closed = resolve));
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200, { 'content-length': total });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', closed);
      pump();
    });
    const started = Date.now();

    const result = await postWebhook(delivery(`${receiver.origin}/hook`), {
      ...local,
      maxResponseBytes: 100_000,
    });
    await serverClosed;

    expect(result).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(result.kind === 'response' && result.body).toBe('a'.repeat(100_000));
    expect(Date.now() - started).toBeLessThan(2_000);
    // The receiver could not push the rest: we stopped reading and closed the connection.
    expect(written).toBeLessThan(total / 4);
  });

  it('does not call a response that fits exactly truncated', async () => {
    const receiver = await startReceiver((_req, res) => res.end('x'.repeat(1000)));

    const result = await postWebhook(delivery(`${receiver.origin}/hook`), {
      ...local,
      maxResponseBytes: 1000,
    });

    expect(result).toMatchObject({ kind: 'response', truncated: false, body: 'x'.repeat(1000) });
  });
});

describe('postWebhook: abort and connection reuse', () => {
  it('stops when the signal aborts, and does not start when it already has', async () => {
    const receiver = await startReceiver(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const aborted = await postWebhook(delivery(`${receiver.origin}/hook`), local, controller.signal);
    const before = await postWebhook(delivery(`${receiver.origin}/hook`), local, AbortSignal.abort());

    expect(aborted).toMatchObject({ kind: 'failed', code: 'aborted' });
    expect(before).toMatchObject({ kind: 'failed', code: 'aborted' });
    expect(receiver.received).toHaveLength(1);
  });

  it('reuses one connection for many deliveries to one receiver', async () => {
    const receiver = await startReceiver(ok);
    const agents = createOutboundAgents();
    cleanups.push(() => agents.destroy());
    const policy = { ...local, agents };

    for (let i = 0; i < 50; i++) {
      const result = await postWebhook(delivery(`${receiver.origin}/hook`), policy);
      expect(result).toMatchObject({ kind: 'response', status: 200 });
    }

    expect(receiver.received).toHaveLength(50);
    expect(receiver.connections()).toBe(1);
  });

  it('still refuses new connections through pooled agents', async () => {
    const receiver = await startReceiver(ok);
    const agents = createOutboundAgents();
    cleanups.push(() => agents.destroy());

    const result = await postWebhook(delivery(`http://localhost:${receiver.port}/hook`), {
      ...defaults,
      agents,
    });

    expect(result).toMatchObject({ kind: 'refused', address: '127.0.0.1' });
    expect(receiver.connections()).toBe(0);
  });
});
