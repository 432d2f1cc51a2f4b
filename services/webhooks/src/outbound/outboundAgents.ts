import http from 'node:http';
import https from 'node:https';

/** Keep-alive connection pools for the deliveries of one policy. */
export interface OutboundAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  /** Closes every pooled connection; the agents must not be used afterwards. */
  destroy(): void;
}

export interface OutboundAgentOptions {
  /** Connections per receiver (host:port); further deliveries queue. */
  maxSockets?: number;
  /**
   * How long an idle pooled connection is kept. Below Node's 5 s server keep-alive default, so we
   * close first rather than reuse a connection the receiver is closing.
   */
  idleTimeoutMs?: number;
}

/**
 * Creates keep-alive agents, so repeated deliveries to one receiver reuse connections. The address
 * check is not in the agents: it comes with each request's `lookup` and runs on every new connection.
 */
export function createOutboundAgents(options: OutboundAgentOptions = {}): OutboundAgents {
  const settings = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 50,
    timeout: options.idleTimeoutMs ?? 4_000,
    scheduling: 'lifo' as const,
  };
  const agents = { http: new http.Agent(settings), https: new https.Agent(settings) };
  return {
    ...agents,
    destroy() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
