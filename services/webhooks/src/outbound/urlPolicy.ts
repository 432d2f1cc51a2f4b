import { decideAddress, parseAddress, type AllowedNetworks } from './addressPolicy';

/** Whether a hop may go to a URL, decided before any connection. */
export type UrlDecision =
  { allowed: true; host: string } | { allowed: false; reason: string; address?: string };

/**
 * Decides on a URL before connecting: http(s) only, no credentials in it, and an IP-literal host must
 * be allowed here because Node connects to one without the lookup that checks resolved addresses.
 */
export function decideUrl(url: URL, allowed: AllowedNetworks): UrlDecision {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { allowed: false, reason: `scheme ${url.protocol} is not http: or https:` };
  }
  // Credentials in a webhook URL would be sent to whoever the URL (or a redirect) points at.
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'URL carries credentials (user:password@)' };
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (parseAddress(host) === undefined) return { allowed: true, host };
  const decision = decideAddress(host, allowed);
  return decision.allowed
    ? { allowed: true, host }
    : { allowed: false, reason: decision.reason, address: host };
}
