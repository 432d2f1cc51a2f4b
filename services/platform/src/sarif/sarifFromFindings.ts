import type { Finding, Severity } from '@fuzzforge/contracts';

/** The subset of SARIF 2.1.0 we emit; the full schema ships in contracts/sarif. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; version?: string; informationUri: string; rules: SarifRule[] } };
  automationDetails?: { id: string };
  results: SarifResult[];
}

interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region?: {
        startLine: number;
        endLine?: number;
        startColumn?: number;
        endColumn?: number;
        snippet?: { text: string };
      };
    };
  }[];
  partialFingerprints: Record<string, string>;
  /** A crash's call stack, innermost frame first. */
  stacks?: SarifStack[];
  properties: { severity: Severity; cwe?: string[]; crash?: SarifCrashProperties };
}

interface SarifStack {
  message: { text: string };
  frames: {
    location: {
      logicalLocations: { fullyQualifiedName: string }[];
      physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
    };
  }[];
}

/** What a crash adds to its result: how to get and judge the reproducer. */
interface SarifCrashProperties {
  type: string;
  signature: string;
  engine: string;
  harness: string;
  reproducible: boolean;
  minimized: boolean;
  /** S3 key of the reproducer; the API serves it at /v1/crashes/:id/input. */
  input: string;
  inputSha256: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

const levelOf: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning ranks security results by this 0-10 score. */
const securitySeverityOf: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const toolUris: Record<string, string> = {
  gitleaks: 'https://github.com/gitleaks/gitleaks',
  bandit: 'https://github.com/PyCQA/bandit',
  semgrep: 'https://github.com/semgrep/semgrep',
  eslint: 'https://github.com/eslint-community/eslint-plugin-security',
  cppcheck: 'https://cppcheck.sourceforge.io/',
  flawfinder: 'https://dwheeler.com/flawfinder/',
  gosec: 'https://github.com/securego/gosec',
  libfuzzer: 'https://llvm.org/docs/LibFuzzer.html',
  afl: 'https://github.com/AFLplusplus/AFLplusplus',
  atheris: 'https://github.com/google/atheris',
  'go-fuzz': 'https://go.dev/doc/security/fuzz/',
  'cargo-fuzz': 'https://github.com/rust-fuzz/cargo-fuzz',
};

/** A crash as SARIF says it: its stack, and its reproducer in the properties. */
function crashParts(f: Finding): Pick<SarifResult, 'stacks'> & { crash?: SarifCrashProperties } {
  const c = f.crash;
  if (!c) return {};
  const stack: SarifStack = {
    message: { text: c.summary || c.type },
    frames: c.frames.map((frame) => {
      const local = frame.file !== undefined && !frame.file.startsWith('/');
      return {
        location: {
          logicalLocations: [{ fullyQualifiedName: frame.function }],
          ...(local
            ? {
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(frame.file!) },
                  ...(frame.line === undefined ? {} : { region: { startLine: frame.line } }),
                },
              }
            : {}),
        },
      };
    }),
  };
  return {
    stacks: [stack],
    crash: {
      type: c.type,
      signature: c.signature,
      engine: c.engine,
      harness: c.harness,
      reproducible: c.reproducible,
      minimized: c.minimized,
      input: c.input.key,
      inputSha256: c.input.sha256,
    },
  };
}

/** SARIF URIs are relative, forward-slashed and percent-encoded per segment. */
const relativeUri = (path: string): string =>
  path
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');

function region(f: Finding): SarifResult['locations'][number]['physicalLocation']['region'] {
  const l = f.location;
  if (l.startLine === undefined) return undefined;
  return {
    startLine: l.startLine,
    ...(l.endLine === undefined ? {} : { endLine: l.endLine }),
    ...(l.startColumn === undefined ? {} : { startColumn: l.startColumn }),
    ...(l.endColumn === undefined ? {} : { endColumn: l.endColumn }),
    ...(l.snippet === undefined ? {} : { snippet: { text: l.snippet } }),
  };
}

function runOf(tool: string, findings: Finding[], automationId: string | undefined): SarifRun {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results = findings.map((f): SarifResult => {
    let index = ruleIndex.get(f.ruleId);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(f.ruleId, index);
      rules.push({
        id: f.ruleId,
        ...(f.ruleName ? { name: f.ruleName } : {}),
        shortDescription: { text: f.ruleName ?? f.ruleId },
        defaultConfiguration: { level: levelOf[f.severity] },
        properties: {
          tags: ['security', ...f.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
          'security-severity': securitySeverityOf[f.severity],
        },
      });
    }
    const r = region(f);
    const { stacks, crash } = crashParts(f);
    return {
      ruleId: f.ruleId,
      ruleIndex: index,
      level: levelOf[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(f.location.path) },
            ...(r ? { region: r } : {}),
          },
        },
      ],
      partialFingerprints: { 'fuzzforge/v1': f.fingerprint },
      ...(stacks ? { stacks } : {}),
      properties: {
        severity: f.severity,
        ...(f.cwe.length ? { cwe: f.cwe } : {}),
        ...(crash ? { crash } : {}),
      },
    };
  });
  const version = findings.find((f) => f.tool.version)?.tool.version;
  return {
    tool: {
      driver: {
        name: tool,
        ...(version ? { version } : {}),
        informationUri: toolUris[tool] ?? 'https://fuzzforge.dev',
        rules,
      },
    },
    ...(automationId ? { automationDetails: { id: automationId } } : {}),
    results,
  };
}

/**
 * Exports normalised findings as a SARIF 2.1.0 log that GitHub code scanning accepts: one run per
 * tool, stable rule ids, relative URIs and our fingerprint as a partial fingerprint.
 */
export function sarifFromFindings(
  findings: Finding[],
  tools: string[] = [],
  automationId?: string,
): SarifLog {
  const byTool = new Map<string, Finding[]>(tools.map((t) => [t, []]));
  for (const f of findings) byTool.set(f.tool.name, [...(byTool.get(f.tool.name) ?? []), f]);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [...byTool].map(([tool, list]) => runOf(tool, list, automationId)),
  };
}
