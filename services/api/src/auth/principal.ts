import type { RateLimit, Scope } from '@fuzzforge/contracts';

/** Who is calling: the key a request authenticated with, and what that key may do. */
export interface Principal {
  keyId: string;
  scopes: readonly Scope[];
  /** The projects the key is limited to; null for every project. */
  projects: readonly string[] | null;
  rateLimit: RateLimit | null;
}

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

/** `admin` is the operator's scope and allows what every other scope allows. */
export const grants = (principal: Principal, scope: Scope): boolean =>
  principal.scopes.includes(scope) || principal.scopes.includes('admin');

/** True when the key may see and act on `project`. */
export const canUseProject = (principal: Principal, project: string): boolean =>
  principal.projects === null || principal.projects.includes(project);
