import type { FuzzForgeClient } from '@fuzzforge/sdk';

/**
 * How upload_target takes a target: a local path over stdio (the server runs on the user's machine),
 * bounded base64 content over HTTP (the server must never read its own disk for a remote caller).
 */
export type UploadMode = { kind: 'path'; cwd: string } | { kind: 'base64'; maxBytes: number };

/** What the tools act with: the API client (with the caller's key) and the transport's limits. */
export interface ToolDeps {
  api: FuzzForgeClient;
  upload: UploadMode;
  maxWaitSeconds: number;
}
