import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  downloadReproducer,
  fuzzFixture,
  shortCampaign,
  uniqueProject,
  type CampaignResult,
} from './fuzzRuns';
import { sarifValidator } from './sarif';
import { sarifOf } from './scanRuns';

/** What a fixture's known bug looks like once the platform found it. */
export interface KnownCrash {
  engine: string;
  fixture: string;
  /** CrashDetails.type */
  type: string;
  /** The innermost meaningful frame: the fixture's buggy function, and its file. */
  topFunction: RegExp;
  topFile: string;
  /** Extra workflow parameters (e.g. minimize). */
  parameters?: Record<string, unknown>;
}

/**
 * The end-to-end suite every fuzzing engine passes: upload a fixture with a known bug, run a short
 * campaign through the API, and check the crash finding (type, top frame, reproducible), the
 * reproducer download, the live counters and the SARIF report.
 */
export function describeFuzzEngine(known: KnownCrash): void {
  const api = inject('apiUrl');
  describe(`${known.engine}, end to end (tests/fixtures/${known.fixture})`, () => {
    let result: CampaignResult;

    beforeAll(async () => {
      result = await fuzzFixture(api, known.fixture, known.engine, uniqueProject(known.engine), {
        ...shortCampaign,
        ...known.parameters,
      });
    }, 420_000);

    const crashFinding = () => {
      const found = result.findings.filter((f) => f.crash);
      expect(found, JSON.stringify(result.findings, null, 2)).toHaveLength(1);
      return found[0]!;
    };

    it(`finds the ${known.type} with its stack, located in ${known.topFile}`, () => {
      const finding = crashFinding();
      const crash = finding.crash!;
      expect(finding.ruleId).toBe(`crash/${known.type}`);
      expect(crash.type).toBe(known.type);
      expect(crash.frames[0]?.function, JSON.stringify(crash.frames, null, 2)).toMatch(known.topFunction);
      expect(crash.frames[0]?.file).toBe(known.topFile);
      expect(finding.location.path).toBe(known.topFile);
      expect(crash.reproducible).toBe(true);
      expect(crash.engine).toBe(known.engine);
    });

    it('serves the reproducer that crashed, byte for byte', async () => {
      expect(result.crashes).toHaveLength(1);
      const crash = result.crashes[0]!;
      expect(crash.signature).toBe(crashFinding().crash!.signature);
      expect(crash.runsSeen).toBe(1);
      const bytes = await downloadReproducer(api, crash);
      expect(bytes.length).toBeGreaterThan(0);
    });

    it('reports the campaign counters, kept after it ended', () => {
      const stats = result.run.fuzzing;
      expect(stats).not.toBeNull();
      expect(stats).toMatchObject({ engine: known.engine, phase: 'final', uniqueCrashes: 1 });
      expect(stats!.executions).toBeGreaterThan(0);
      expect(stats!.crashes).toBeGreaterThanOrEqual(1);
      expect(stats!.corpusSize).toBeGreaterThan(0);
    });

    it('puts the crash, its stack and its reproducer into a valid SARIF report', async () => {
      const sarif = await sarifOf(api, result.runId);
      const check = (await sarifValidator())(sarif);
      expect(check.valid, check.errors).toBe(true);
      const results = sarif.runs.flatMap((r) => r.results) as unknown as {
        ruleId: string;
        stacks?: { frames: unknown[] }[];
        properties: { crash?: { type: string; input: string } };
      }[];
      const crash = results.find((r) => r.ruleId === `crash/${known.type}`);
      expect(crash?.stacks?.[0]?.frames.length).toBeGreaterThan(0);
      expect(crash?.properties.crash?.type).toBe(known.type);
    });
  });
}
