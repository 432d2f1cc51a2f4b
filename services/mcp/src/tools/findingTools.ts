import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ProjectName, Severity, TriageRequest, TriageStatus } from '@fuzzforge/contracts';
import { jsonResult, toolCall } from '../toolResult';
import type { ToolDeps } from '../toolDeps';

// The bounds of GET /v1/findings' query (services/api's FindingListQuery, which contracts/ does not hold).
const textFilter = (description: string) => z.string().min(1).max(200).optional().describe(description);

/** list_findings, get_sarif and triage_finding. */
export function registerFindingTools(server: McpServer, { api }: ToolDeps): void {
  server.registerTool(
    'list_findings',
    {
      title: 'List findings',
      description:
        'Lists project findings (deduplicated over runs), newest first, with filters: pass `run` for the findings of one run. Each has the `id` triage_finding takes, its rule, severity, location and triage status. Page with `cursor` (the `next` of the previous page).',
      inputSchema: {
        run: textFilter('Only findings this run reported.'),
        project: ProjectName.optional().describe('Only findings of this project.'),
        workflow: textFilter('Only findings reported by runs of this workflow.'),
        tool: textFilter('Only findings of this tool (gitleaks, semgrep…).'),
        rule: textFilter('Only findings of this rule id.'),
        severity: Severity.optional().describe('Only findings of this severity.'),
        status: TriageStatus.optional().describe('Only findings in this triage status.'),
        newSinceRun: textFilter("Only findings first seen after this run, in the run's project."),
        limit: z.number().int().min(1).max(500).default(50).describe('Page size (1–500).'),
        cursor: z.string().min(1).optional().describe('The `next` of the previous page.'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ newSinceRun, ...query }) =>
      toolCall(async () => jsonResult(await api.findings.list({ ...query, 'new-since-run': newSinceRun }))),
  );

  server.registerTool(
    'get_sarif',
    {
      title: 'Get SARIF',
      description:
        "A run's findings as a SARIF 2.1.0 log, for code-scanning tools and editors. Call it once the run has ended.",
      inputSchema: { runId: z.string().min(1).describe('The run id.') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ runId }) => toolCall(async () => jsonResult(await api.runs.sarif(runId))),
  );

  server.registerTool(
    'triage_finding',
    {
      title: 'Triage a finding',
      description:
        'Sets a finding’s triage status (open, false_positive, accepted_risk, fixed) with an optional comment. false_positive and accepted_risk stop it counting towards gating. Returns the finding with its triage history.',
      // The API's PATCH /v1/findings/:id body (strict: unknown fields are refused), plus the finding id.
      inputSchema: TriageRequest.extend({
        findingId: z.string().min(1).describe('The finding id, as list_findings shows it.'),
      }),
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ findingId, ...request }) =>
      toolCall(async () => jsonResult(await api.findings.triage(findingId, request))),
  );
}
