import { describe, expect, it } from 'vitest';
import { WebhookSecretsEnv } from './env';
import { configurationProblems } from './processEnv';

describe('configurationProblems', () => {
  it('names each refused variable and what is wrong, without its value', () => {
    const value = `k1:${Buffer.alloc(5, 9).toString('base64')}`;
    const refused = WebhookSecretsEnv.safeParse({ FF_WEBHOOK_SECRET_KEYS: value });
    expect(refused.success).toBe(false);
    const problems = configurationProblems(refused.error!);
    expect(problems).toEqual([
      'FF_WEBHOOK_SECRET_KEYS: key k1 is 5 bytes once base64-decoded; it must be 32',
    ]);
    expect(problems.join('\n')).not.toContain(value.slice(3));
    expect(configurationProblems(WebhookSecretsEnv.safeParse({}).error!)).toEqual([
      'FF_WEBHOOK_SECRET_KEYS: is required: the keys that seal webhook secrets at rest (id:base64 of 32 bytes)',
    ]);
  });
});
