import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { decideAddress, type AllowedNetworks } from './addressPolicy';

/** A host resolved to an address the policy refuses; no connection was attempted. */
export class AddressRefusedError extends Error {
  readonly code = 'ADDRESS_REFUSED';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to ${address}: ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

/** A host could not be resolved. */
export class DnsLookupError extends Error {
  readonly code = 'DNS_LOOKUP_FAILED';
  constructor(
    readonly hostname: string,
    options?: { cause?: unknown },
  ) {
    const detail = options?.cause instanceof Error ? options.cause.message : 'no addresses';
    super(`cannot resolve ${hostname}: ${detail}`, options);
    this.name = 'DnsLookupError';
  }
}

/**
 * A `lookup` for sockets that refuses a host when any of its addresses is refused. The check runs on
 * the very answer the socket connects with, so a later DNS answer (rebinding) cannot slip past it, and
 * an answer mixing public and private addresses is refused whichever one the socket would pick.
 */
export function guardedLookup(allowed: AllowedNetworks): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(new DnsLookupError(hostname, { cause: error }), '');
      const first = addresses[0];
      if (!first) return callback(new DnsLookupError(hostname), '');
      for (const { address } of addresses) {
        const decision = decideAddress(address, allowed);
        if (!decision.allowed)
          return callback(new AddressRefusedError(hostname, address, decision.reason), '');
      }
      // Happy eyeballs (autoSelectFamily) asks for all addresses, a plain connect for one.
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
