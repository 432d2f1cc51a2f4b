import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got, as it arrived. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** How the receiver answers the n-th request (0-based) it got. */
export type Responder = (request: ReceivedWebhook, n: number, res: ServerResponse) => void;

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Requests answered with a 2xx. */
  accepted: ReceivedWebhook[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

/** Answers 200 to everything. */
export const acceptAll: Responder = (_req, _n, res) => res.writeHead(200).end('ok');

/** A real HTTP endpoint on 127.0.0.1 that records every webhook request and answers as told. */
export async function startWebhookReceiver(responder: Responder = acceptAll): Promise<WebhookReceiver> {
  let respond = responder;
  const received: ReceivedWebhook[] = [];
  const accepted: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const n = received.push(request) - 1;
      res.on('finish', () => {
        if (res.statusCode >= 200 && res.statusCode < 300) accepted.push(request);
      });
      respond(request, n, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/fuzzforge`,
    received,
    accepted,
    respondWith(next) {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
