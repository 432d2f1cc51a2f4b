import { randomBytes } from 'node:crypto';

/** A key that seals webhook signing secrets at rest (AES-256-GCM), named so a sealed value says which. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * `FF_WEBHOOK_SECRET_KEYS`: `id:base64key` entries, comma-separated, each key 32 bytes. The first seals
 * every secret written from now on; the others only open secrets sealed before a key rotation (and the
 * webhooks service reseals those with the first at start). Pure; throws saying what is wrong, never
 * echoing a key.
 */
export function parseSecretKeys(raw: string): SecretKey[] {
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('names no key: give id:base64key entries, comma-separated');
  const keys = entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!keyIdPattern.test(id)) {
      throw new Error(`entry ${i + 1} has no valid id before its colon (letters, digits, _ and -, up to 32)`);
    }
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) {
      throw new Error(`key ${id} is ${key.length} bytes once base64-decoded; it must be 32`);
    }
    return { id, key };
  });
  const ids = keys.map((k) => k.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`key id ${repeated} is named twice`);
  return keys;
}

/** A fresh `id:base64key` entry (the id says when it was made), for a new deployment or a key rotation. */
export function newSecretKeyEntry(now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, '');
  return `k${stamp}:${randomBytes(32).toString('base64')}`;
}
