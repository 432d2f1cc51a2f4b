/**
 * The environment a tool starts with: PATH, HOME and LANG of this process (with fallbacks) plus
 * `extra`; nothing else of this process's environment is passed on.
 */
export function toolEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' };
  for (const key of ['PATH', 'HOME', 'LANG'] as const) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}
