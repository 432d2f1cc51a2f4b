import type { Context } from 'hono';
import { defaultProject, type TargetResponse } from '@fuzzforge/contracts';
import { ApiError } from '../errors';
import { canUseProject, type Principal } from './principal';

/** What a list may show: the project asked for, or every project the key may see (none: all). */
export interface ProjectScope {
  project?: string;
  projects?: readonly string[];
}

const forbidden = (principal: Principal, project: string) =>
  new ApiError(
    'project-forbidden',
    `This key may only use the projects ${principal.projects?.join(', ')}; ${project} is not one of them.`,
  );

/** A list's project scope: the asked project if the key may see it (else 403), otherwise the key's. */
export function listScope(principal: Principal, asked: string | undefined): ProjectScope {
  if (asked !== undefined) {
    if (!canUseProject(principal, asked)) throw forbidden(principal, asked);
    return { project: asked };
  }
  return principal.projects ? { projects: principal.projects } : {};
}

/**
 * The project a write goes to: the one asked for, else the key's only (first) project, else `default`;
 * 403 when the key may not use it.
 */
export function projectForWrite(principal: Principal, asked: string | undefined): string {
  const project = asked ?? principal.projects?.[0] ?? defaultProject;
  if (!canUseProject(principal, project)) throw forbidden(principal, project);
  return project;
}

/**
 * A target as `principal` may see it: a key limited to projects is not told which other projects hold
 * the same bytes (targets are content-addressed, so uploading anything would otherwise reveal that).
 */
export function seenBy(principal: Principal, target: TargetResponse): TargetResponse {
  const mine = principal.projects;
  return mine ? { ...target, projects: target.projects.filter((p) => mine.includes(p)) } : target;
}

/**
 * `item` if the caller may see its project; otherwise the same 404 an unknown id gets, so a key learns
 * nothing about other projects — not even that an id exists.
 */
export function visibleTo<T extends { project: string | null }>(
  c: Context,
  item: T | null | undefined,
  notFound: () => ApiError,
): T {
  if (!item || !canUseProject(c.var.principal, item.project ?? defaultProject)) throw notFound();
  return item;
}
