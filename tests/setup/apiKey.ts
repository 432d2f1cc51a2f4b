import { inject } from 'vitest';
import { withKey } from '../support/apiKey';

// Every API request of the int and e2e tests needs a key; unless a test sends its own (or uses
// `anonymousFetch` from tests/support/apiKey.ts), fetches to the test platform's API carry the
// platform's bootstrap admin key. Other URLs (S3, receivers) are left alone.
const apiUrl = inject('apiUrl');
const apiKey = inject('apiKey');
const original = globalThis.fetch.bind(globalThis);

globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const sendsKey =
    new Headers(init?.headers).has('authorization') ||
    (input instanceof Request && input.headers.has('authorization'));
  if (!url.startsWith(`${apiUrl}/`) || sendsKey) return original(input, init);
  if (input instanceof Request)
    return original(new Request(input, withKey(apiKey, { headers: input.headers })), init);
  return original(input, withKey(apiKey, init));
};
