/** `fetch` as it was before tests/setup/apiKey.ts taught it the admin key: for requests without one. */
export const anonymousFetch: typeof fetch = globalThis.fetch.bind(globalThis);

/** `init` with `Authorization: Bearer <key>` added (it replaces any authorization already there). */
export function withKey(key: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  return { ...init, headers };
}

/** An in-process app (createApp) whose requests carry `key` unless they bring their own. */
export function withDefaultKey<
  A extends { request: (input: string, init?: RequestInit) => Response | Promise<Response> },
>(app: A, key: string): A {
  return new Proxy(app, {
    get(target, prop, receiver) {
      if (prop !== 'request') return Reflect.get(target, prop, receiver) as unknown;
      return (input: string, init: RequestInit = {}) =>
        target.request(input, new Headers(init.headers).has('authorization') ? init : withKey(key, init));
    },
  });
}
