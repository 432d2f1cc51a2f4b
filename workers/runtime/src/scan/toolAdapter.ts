import type { Finding } from '@fuzzforge/contracts';

/** How to run one tool on a workspace, and where its report ends up. */
export interface ToolInvocation {
  command: string;
  args: string[];
  /** Extra environment for the tool (the runner starts from a scrubbed minimal one). */
  env?: Record<string, string>;
  /** The tool writes its report here (inside the scratch dir); otherwise the report is its stdout. */
  reportFile?: string;
  /** Exit codes that mean "ran fine" (many tools exit 1 when they found something). */
  okExitCodes: number[];
}

export interface ToolContext<P> {
  /** The extracted target, the tool's working directory. */
  workspace: string;
  /** A private directory outside the workspace for reports and tool state. */
  scratch: string;
  params: P;
}

/**
 * One security tool as a vertical uses it: how to invoke it and how to turn its report into
 * normalised findings. `parse` is pure and unit-tested on recorded real output.
 */
export interface ToolAdapter<P> {
  name: string;
  version: string;
  invocation(ctx: ToolContext<P>): ToolInvocation;
  parse(report: string, ctx: ToolContext<P>): Finding[];
}
