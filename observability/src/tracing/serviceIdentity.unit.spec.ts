import { describe, expect, it } from 'vitest';
import { parseTracingEnv } from './env';
import { serviceIdentity } from './serviceIdentity';

const packages: Record<string, { name?: string; version?: string; workspaces?: unknown }> = {
  '/repo': { name: 'fuzzforge', version: '1.4.0', workspaces: ['services/*'] },
  '/repo/services/api': { name: '@fuzzforge/api', version: '0.1.0' },
};
const facts = (entryPath: string) => ({
  entryPath,
  hostname: 'box',
  pid: 42,
  readPackageJson: (dir: string) => packages[dir],
});

describe('parseTracingEnv', () => {
  it('treats tracing as on, and empty strings as unset', () => {
    const env = parseTracingEnv({ OTEL_SDK_DISABLED: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    expect(env.OTEL_SDK_DISABLED).toBe(false);
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it('reads OTEL_SDK_DISABLED=true in any case', () => {
    expect(parseTracingEnv({ OTEL_SDK_DISABLED: 'TRUE' }).OTEL_SDK_DISABLED).toBe(true);
    expect(parseTracingEnv({ OTEL_SDK_DISABLED: 'false' }).OTEL_SDK_DISABLED).toBe(false);
  });

  it('refuses an endpoint that is not a URL', () => {
    expect(() => parseTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow();
  });
});

describe('serviceIdentity', () => {
  it('names a main.ts process after its package and versions it from the workspace root', () => {
    const id = serviceIdentity(parseTracingEnv({}), facts('/repo/services/api/src/main.ts'));
    expect(id).toEqual({ name: 'api', version: '1.4.0', instanceId: 'box:42' });
  });

  it('names any other entry after its script', () => {
    expect(serviceIdentity(parseTracingEnv({}), facts('/repo/services/api/src/rebuildMain.ts')).name).toBe(
      'rebuildMain',
    );
  });

  it('prefers OTEL_SERVICE_NAME, then FF_SERVICE_NAME, and FF_SERVICE_VERSION', () => {
    const entry = facts('/repo/services/api/src/main.ts');
    expect(serviceIdentity(parseTracingEnv({ FF_SERVICE_NAME: 'ff' }), entry).name).toBe('ff');
    expect(
      serviceIdentity(parseTracingEnv({ FF_SERVICE_NAME: 'ff', OTEL_SERVICE_NAME: 'otel' }), entry).name,
    ).toBe('otel');
    expect(serviceIdentity(parseTracingEnv({ FF_SERVICE_VERSION: 'abc123' }), entry).version).toBe('abc123');
  });
});
