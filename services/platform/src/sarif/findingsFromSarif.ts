import { z } from 'zod';
import { Finding, Severity } from '@fuzzforge/contracts';

/** The parts of a SARIF log written by `sarifFromFindings` that a finding is rebuilt from. */
const SarifInput = z.object({
  version: z.literal('2.1.0'),
  runs: z.array(
    z.object({
      tool: z.object({
        driver: z.object({
          name: z.string().min(1),
          version: z.string().optional(),
          rules: z.array(z.object({ id: z.string(), name: z.string().optional() })).default([]),
        }),
      }),
      results: z
        .array(
          z.object({
            ruleId: z.string(),
            ruleIndex: z.number().int().nonnegative().optional(),
            message: z.object({ text: z.string() }),
            locations: z
              .array(
                z.object({
                  physicalLocation: z.object({
                    artifactLocation: z.object({ uri: z.string().min(1) }),
                    region: z
                      .object({
                        startLine: z.number().int().optional(),
                        endLine: z.number().int().optional(),
                        startColumn: z.number().int().optional(),
                        endColumn: z.number().int().optional(),
                        snippet: z.object({ text: z.string() }).optional(),
                      })
                      .optional(),
                  }),
                }),
              )
              .min(1),
            partialFingerprints: z.object({ 'fuzzforge/v1': z.string() }),
            properties: z.object({ severity: Severity, cwe: z.array(z.string()).optional() }),
          }),
        )
        .default([]),
    }),
  ),
});

/** What a FuzzForge SARIF log holds: its tools (one run each, in order) and their findings. */
export interface SarifContent {
  tools: string[];
  findings: Finding[];
}

const pathOfUri = (uri: string): string => uri.split('/').map(decodeURIComponent).join('/');

/**
 * The inverse of `sarifFromFindings`: rebuilds the normalised findings from a log it wrote (our
 * fingerprint travels as the `fuzzforge/v1` partial fingerprint, severity and CWEs as properties), so
 * reports can be merged and exported again. Throws on a log that is not one of ours.
 */
export function findingsFromSarif(log: unknown): SarifContent {
  const parsed = SarifInput.parse(log);
  const findings: Finding[] = [];
  for (const run of parsed.runs) {
    const driver = run.tool.driver;
    for (const result of run.results) {
      const physical = result.locations[0]!.physicalLocation;
      const region = physical.region;
      const ruleName = result.ruleIndex === undefined ? undefined : driver.rules[result.ruleIndex]?.name;
      findings.push(
        Finding.parse({
          fingerprint: result.partialFingerprints['fuzzforge/v1'],
          tool: { name: driver.name, ...(driver.version ? { version: driver.version } : {}) },
          ruleId: result.ruleId,
          ...(ruleName ? { ruleName } : {}),
          severity: result.properties.severity,
          message: result.message.text,
          location: {
            path: pathOfUri(physical.artifactLocation.uri),
            ...(region?.startLine === undefined ? {} : { startLine: region.startLine }),
            ...(region?.endLine === undefined ? {} : { endLine: region.endLine }),
            ...(region?.startColumn === undefined ? {} : { startColumn: region.startColumn }),
            ...(region?.endColumn === undefined ? {} : { endColumn: region.endColumn }),
            ...(region?.snippet === undefined ? {} : { snippet: region.snippet.text }),
          },
          cwe: result.properties.cwe ?? [],
          artifacts: [],
        }),
      );
    }
  }
  return { tools: parsed.runs.map((r) => r.tool.driver.name), findings };
}
