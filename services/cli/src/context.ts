import type { FuzzForgeClient } from '@fuzzforge/sdk';
import type { CliConfig } from './config';

export interface Output {
  write(text: string): void;
}

/** What every command gets from main: the client, the resolved config and where to write. */
export interface Context {
  client: FuzzForgeClient;
  config: CliConfig;
  out: Output;
  /** Progress and messages for humans; stdout stays clean for --json and pipes. */
  err: Output;
  /** stderr is a terminal: progress is redrawn in place. */
  interactive: boolean;
  /** Terminal width for progress lines. */
  columns: number;
  cwd: string;
}

/** Writes `json` (pretty) with --json, else the human text. */
export const printer =
  (ctx: Context, json: boolean | undefined) =>
  (data: unknown, human: string): void =>
    ctx.out.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);

/** An ISO time as `YYYY-MM-DD hh:mm:ss`, or `-`. */
export const when = (iso: string | null | undefined): string =>
  iso ? iso.replace('T', ' ').slice(0, 19) : '-';
