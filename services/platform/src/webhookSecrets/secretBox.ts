import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKey } from './secretKeys';

/**
 * Seals webhook signing secrets for the database: a dump, a replica or a backup holds only
 * ciphertext. AES-256-GCM with a fresh 96-bit nonce per value and the owning row as associated data,
 * so a sealed value copied to another subscription does not open there.
 */
export interface SecretBox {
  /** `ffsec1.<keyId>.<nonce>.<ciphertext+tag>` (base64url) under the first key. */
  seal(plain: string, owner: string): string;
  /** The secret; a value stored before sealing existed (`whsec_…`) is returned as it is. */
  open(stored: string, owner: string): string;
  /** Whether a stored value should be sealed again: plaintext, or sealed under another key than the first. */
  needsReseal(stored: string): boolean;
}

const prefix = 'ffsec1';

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const aad = (owner: string): Buffer => Buffer.from(`ff_webhooks.subscriptions:${owner}`, 'utf8');

export function createSecretBox(keys: readonly SecretKey[]): SecretBox {
  const [current] = keys;
  if (!current) throw new SecretBoxError('a secret box needs at least one key');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    seal(plain, owner) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, nonce).setAAD(aad(owner));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [prefix, current.id, nonce.toString('base64url'), sealed.toString('base64url')].join('.');
    },
    open(stored, owner) {
      if (!stored.startsWith(`${prefix}.`)) return stored;
      const [, keyId = '', nonce = '', sealed = ''] = stored.split('.');
      const key = byId.get(keyId);
      if (!key) {
        throw new SecretBoxError(
          `the secret of ${owner} is sealed with key ${keyId}, which FF_WEBHOOK_SECRET_KEYS does not hold`,
        );
      }
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length < 16) throw new SecretBoxError(`the sealed secret of ${owner} is truncated`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'))
          .setAAD(aad(owner))
          .setAuthTag(bytes.subarray(bytes.length - 16));
        return Buffer.concat([
          decipher.update(bytes.subarray(0, bytes.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      } catch (err) {
        throw new SecretBoxError(`the sealed secret of ${owner} does not open with key ${keyId}`, {
          cause: err,
        });
      }
    },
    needsReseal(stored) {
      return !stored.startsWith(`${prefix}.${current.id}.`);
    },
  };
}
