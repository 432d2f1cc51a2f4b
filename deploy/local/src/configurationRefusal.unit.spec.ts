import { describe, expect, it } from 'vitest';
import { configurationRefusal } from './configurationRefusal';

describe('configurationRefusal', () => {
  it('quotes what the service said about its configuration, from its heading on', () => {
    const error = configurationRefusal('webhooks', [
      '{"level":"info","msg":"earlier noise"}',
      'webhooks cannot start: its configuration is invalid',
      '  FF_WEBHOOK_SECRET_KEYS: key k1 is 2 bytes once base64-decoded; it must be 32',
      '  FF_WEBHOOK_TIMEOUT_MS: Too small: expected number to be >=0',
    ]);
    expect(error).toMatchObject({ code: 'start-failed' });
    expect(error.message).toBe(
      'webhooks refuses its configuration:\n' +
        '  FF_WEBHOOK_SECRET_KEYS: key k1 is 2 bytes once base64-decoded; it must be 32\n' +
        '  FF_WEBHOOK_TIMEOUT_MS: Too small: expected number to be >=0',
    );
    expect(error.hint).toMatch(/set the variables it names/);
  });

  it('falls back to its last lines', () => {
    const lines = Array.from({ length: 8 }, (_, i) => `line ${i}`);
    expect(configurationRefusal('api', lines).message).toBe(
      'api refuses its configuration:\n  line 3\n  line 4\n  line 5\n  line 6\n  line 7',
    );
    expect(configurationRefusal('api', []).message).toContain('(it said nothing)');
  });
});
