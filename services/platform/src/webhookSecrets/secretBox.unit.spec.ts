import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookSecretsEnv } from '../env';
import { createSecretBox, SecretBoxError } from './secretBox';
import { newSecretKeyEntry, parseSecretKeys } from './secretKeys';

const key = (id: string) => ({ id, key: randomBytes(32) });
const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('webhook secret box', () => {
  it('seals so that only the owning subscription opens it, never in the clear', () => {
    const box = createSecretBox([key('k1')]);
    const sealed = box.seal(secret, 'wh_1');
    expect(sealed).toMatch(/^ffsec1\.k1\.[\w-]{16}\.[\w-]+$/);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box.seal(secret, 'wh_1')).not.toBe(sealed); // a fresh nonce each time
    expect(box.open(sealed, 'wh_1')).toBe(secret);
    expect(() => box.open(sealed, 'wh_2')).toThrow(/the sealed secret of wh_2 does not open with key k1/);
  });

  it('refuses a tampered or truncated value and a key it does not hold', () => {
    const box = createSecretBox([key('k1')]);
    const sealed = box.seal(secret, 'wh_1');
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(() => box.open(`${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, 'wh_1')).toThrow(SecretBoxError);
    expect(() => box.open('ffsec1.k1.AAAAAAAAAAAAAAAA.AAAA', 'wh_1')).toThrow(/truncated/);
    expect(() => createSecretBox([key('k2')]).open(sealed, 'wh_1')).toThrow(
      /sealed with key k1, which FF_WEBHOOK_SECRET_KEYS does not hold/,
    );
  });

  it('opens values of older keys and plaintext from before sealing, and says they need resealing', () => {
    const old = key('old');
    const sealedBefore = createSecretBox([old]).seal(secret, 'wh_1');
    const box = createSecretBox([key('new'), old]);
    expect(box.open(sealedBefore, 'wh_1')).toBe(secret);
    expect(box.needsReseal(sealedBefore)).toBe(true);
    expect(box.open(secret, 'wh_1')).toBe(secret);
    expect(box.needsReseal(secret)).toBe(true);
    expect(box.needsReseal(box.seal(secret, 'wh_1'))).toBe(false);
  });
});

describe('FF_WEBHOOK_SECRET_KEYS', () => {
  it('reads id:base64 entries, the first one sealing', () => {
    const entries = [newSecretKeyEntry(new Date('2026-11-29T12:00:00Z')), newSecretKeyEntry()];
    expect(entries[0]).toMatch(/^k20261129120000:/);
    const keys = parseSecretKeys(` ${entries.join(' , ')} `);
    expect(keys.map((k) => k.key.length)).toEqual([32, 32]);
    expect(keys[0]!.id).toBe('k20261129120000');
  });

  it('says what is wrong without echoing a key', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(() => parseSecretKeys('')).toThrow(/names no key/);
    expect(() => parseSecretKeys(short)).toThrow(/entry 1 has no valid id/);
    expect(() => parseSecretKeys(`k1:${short}`)).toThrow(/key k1 is 16 bytes .* must be 32/);
    const good = newSecretKeyEntry().split(':')[1]!;
    expect(() => parseSecretKeys(`a:${good},a:${good}`)).toThrow(/key id a is named twice/);
    for (const bad of ['', short, `k1:${short}`]) {
      try {
        parseSecretKeys(bad);
      } catch (err) {
        expect(String(err)).not.toContain(short);
      }
    }
  });
});

describe('WebhookSecretsEnv', () => {
  it('requires the keys, naming what they are, and refuses bad ones without echoing them', () => {
    const missing = WebhookSecretsEnv.safeParse({});
    expect(missing.error?.issues[0]?.path).toEqual(['FF_WEBHOOK_SECRET_KEYS']);
    expect(missing.error?.issues[0]?.message).toMatch(/is required: the keys that seal webhook secrets/);
    const short = `k1:${Buffer.alloc(8, 3).toString('base64')}`;
    const bad = WebhookSecretsEnv.safeParse({ FF_WEBHOOK_SECRET_KEYS: short });
    expect(bad.error?.issues[0]?.message).toMatch(/key k1 is 8 bytes/);
    expect(JSON.stringify(bad.error)).not.toContain(short.slice(3));
    const entry = newSecretKeyEntry();
    expect(
      WebhookSecretsEnv.parse({ FF_WEBHOOK_SECRET_KEYS: entry }).FF_WEBHOOK_SECRET_KEYS[0]?.key,
    ).toHaveLength(32);
  });
});
