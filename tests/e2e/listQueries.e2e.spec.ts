import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { FindingListResponse, RunListResponse, TargetListResponse } from '@fuzzforge/contracts';
import { uniqueProject } from '../support/fuzzRuns';
import { json } from '../support/http';
import { completedRun, findingsOf, requestRun, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');

/** Every page of a list, following `next`, `limit` items at a time. */
async function allPages<T, P extends { next: string | null }>(
  url: string,
  items: (page: P) => T[],
  limit: number,
): Promise<{ all: T[]; pages: number }> {
  const all: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await fetch(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const page = await json<P>(res);
    expect(items(page).length).toBeLessThanOrEqual(limit);
    all.push(...items(page));
    cursor = page.next;
    pages += 1;
  } while (cursor);
  return { all, pages };
}

describe('listing runs, findings and targets', () => {
  const project = uniqueProject('lists');
  const runIds: string[] = [];

  beforeAll(async () => {
    const target = await uploadFixture(api, 'leaky-app');
    for (const redact of [true, false, true]) {
      runIds.push(await requestRun(api, target.id, 'secret-scan', { redact }, project));
    }
    for (const id of runIds) await completedRun(api, id);
  }, 300_000);

  it("pages through a project's runs, newest first, each once", async () => {
    const { all, pages } = await allPages<RunListResponse['runs'][number], RunListResponse>(
      `${api}/v1/runs?project=${project}`,
      (p) => p.runs,
      2,
    );
    expect(pages).toBe(2);
    expect(all.map((r) => r.id)).toEqual([...runIds].reverse());
    expect(all.every((r) => r.project === project && r.status === 'completed')).toBe(true);
    const failed = await json<RunListResponse>(
      await fetch(`${api}/v1/runs?project=${project}&status=failed`),
    );
    expect(failed.runs).toEqual([]);
  });

  it("pages through a project's findings, deduplicated over its runs and filtered, without gaps", async () => {
    const reported = (await Promise.all(runIds.map((id) => findingsOf(api, id)))).flat();
    // One project finding per fingerprint, reported by as many runs as carry it.
    const runsOf = new Map<string, number>();
    for (const f of reported) runsOf.set(f.findingId!, (runsOf.get(f.findingId!) ?? 0) + 1);
    const gitleaks = [
      ...new Set(reported.filter((f) => f.tool.name === 'gitleaks').map((f) => f.findingId!)),
    ];
    expect(gitleaks.length).toBeGreaterThan(0);
    const { all } = await allPages<FindingListResponse['findings'][number], FindingListResponse>(
      `${api}/v1/findings?project=${project}&tool=gitleaks`,
      (p) => p.findings,
      2,
    );
    expect(all.map((f) => f.id).sort()).toEqual(gitleaks.sort());
    for (const f of all) {
      expect(f).toMatchObject({ project, status: 'open', occurrences: runsOf.get(f.id) });
      expect(runIds).toContain(f.firstSeen.run);
    }
    const critical = await json<FindingListResponse>(
      await fetch(`${api}/v1/findings?project=${project}&severity=critical&limit=500`),
    );
    const criticalIds = new Set(reported.filter((f) => f.severity === 'critical').map((f) => f.findingId));
    expect(critical.findings.length).toBe(criticalIds.size);
    expect(critical.findings.every((f) => f.severity === 'critical')).toBe(true);
    const ofLastRun = await json<FindingListResponse>(
      await fetch(`${api}/v1/findings?run=${runIds[2]}&limit=500`),
    );
    expect(ofLastRun.findings.map((f) => f.id).sort()).toEqual(
      [...new Set((await findingsOf(api, runIds[2]!)).map((f) => f.findingId))].sort(),
    );
  });

  it('lists targets newest first with a cursor', async () => {
    const first = await json<TargetListResponse>(await fetch(`${api}/v1/targets?limit=1`));
    expect(first.targets).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = await json<TargetListResponse>(
      await fetch(`${api}/v1/targets?limit=1&cursor=${first.next}`),
    );
    expect(second.targets[0]!.id).not.toBe(first.targets[0]!.id);
    expect(second.targets[0]!.uploadedAt <= first.targets[0]!.uploadedAt).toBe(true);
  });

  it('answers a bad cursor, limit or filter with a problem naming it', async () => {
    for (const [url, field] of [
      [`${api}/v1/runs?cursor=nope`, '/cursor'],
      [`${api}/v1/findings?limit=0`, '/limit'],
      [`${api}/v1/runs?status=sleeping`, '/status'],
      [`${api}/v1/findings?severity=urgent`, '/severity'],
      [`${api}/v1/findings?status=closed`, '/status'],
      [`${api}/v1/findings?new-since-run=nope`, '/new-since-run'],
    ] as const) {
      const res = await fetch(url);
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await json<{ errors: { path: string }[] }>(res);
      expect(problem.errors.map((e) => e.path)).toContain(field);
    }
  });
});
