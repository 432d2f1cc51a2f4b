import { createHash, randomBytes } from 'node:crypto';

/** Keys FuzzForge issues: a recognisable prefix, then 256 random bits. */
export const keyPrefix = 'ffk_';

/** Shortest bootstrap key accepted: operators choose it, so it must not be guessable. */
export const minBootstrapKeyLength = 24;

export interface IssuedKey {
  key: string;
  prefix: string;
  hash: string;
}

/** sha256 hex of a key: what is stored and looked up; enough for 256-bit random secrets. */
export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * What listings show of a key, enough to tell keys apart and never enough to use one: the first
 * characters of an issued key (8 of its 43 random ones), or a digest of an operator-chosen one, whose
 * first characters may be a large part of it.
 */
export const displayPrefix = (key: string, hash = hashKey(key)): string =>
  key.startsWith(keyPrefix) ? key.slice(0, keyPrefix.length + 8) : `sha256:${hash.slice(0, 8)}`;

export function issueKey(key = keyPrefix + randomBytes(32).toString('base64url')): IssuedKey {
  const hash = hashKey(key);
  return { key, prefix: displayPrefix(key, hash), hash };
}

/** The token of an `Authorization: Bearer <token>` header; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([\x21-\x7e]{1,512}) *$/i.exec(header ?? '');
  return match?.[1];
}
