import { ProjectName } from '@fuzzforge/contracts';
import { ApiError } from '../errors';

/**
 * A position in a list sorted by (sort key, id), both strings: opaque to clients (base64url), and
 * stable — rows added later never shift a page already read. Pure.
 */
export interface PagePosition {
  key: string;
  id: string;
}

export const encodeCursor = (p: PagePosition): string =>
  Buffer.from(JSON.stringify([p.key, p.id]), 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { key: value[0] as string, id: value[1] as string };
    }
  } catch {
    // falls through to the error below
  }
  throw new ApiError('validation-failed', 'The cursor is not one this API gave out.', [
    { path: '/cursor', message: 'pass the `next` value of the previous page unchanged' },
  ]);
}

/** `limit` from the query: 50 by default, at most 500. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw new ApiError('validation-failed', 'limit must be an integer from 1 to 500.', [
      { path: '/limit', message: 'an integer from 1 to 500' },
    ]);
  }
  return n;
}

/** A text filter from the query: absent or empty is no filter; at most 200 characters. */
export function optionalQuery<K extends string>(
  value: string | undefined,
  name: K,
): Partial<Record<K, string>> {
  if (value === undefined || value === '') return {};
  if (value.length > 200) {
    throw new ApiError('validation-failed', `${name} is too long.`, [
      { path: `/${name}`, message: 'at most 200 characters' },
    ]);
  }
  return { [name]: value } as Partial<Record<K, string>>;
}

/** An optional `project` query parameter: a valid project name, or 400 naming it. */
export function optionalProject(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!ProjectName.safeParse(value).success) {
    throw new ApiError('validation-failed', 'project is not a valid project name.', [
      { path: '/project', message: 'lowercase letters, digits, ".", "_" or "-", at most 63' },
    ]);
  }
  return value;
}
