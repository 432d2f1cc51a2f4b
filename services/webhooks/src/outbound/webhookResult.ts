/** One signed POST to a user's URL. */
export interface WebhookRequest {
  url: string;
  /** Sent on every hop, redirects included: the signature in them covers the body. */
  headers: Record<string, string>;
  body: string;
}

/** Why a delivery got no response; the caller decides whether to retry. */
export type WebhookFailureCode =
  | 'dns'
  | 'connect-timeout'
  | 'timeout'
  | 'connection'
  | 'too-many-redirects'
  | 'invalid-redirect'
  | 'aborted';

/** How a delivery went; network outcomes are values, never exceptions. 2xx is success. */
export type WebhookResult =
  | {
      kind: 'response';
      status: number;
      /** The URL that answered, after `redirects` redirects. */
      finalUrl: string;
      redirects: number;
      /** UTF-8 text of what was read: at most maxResponseBytes. */
      body: string;
      /** The receiver sent more than maxResponseBytes; the rest was not read. */
      truncated: boolean;
      durationMs: number;
    }
  | {
      /** The policy refused this URL or an address it resolves to; nothing connected to it. */
      kind: 'refused';
      url: string;
      address?: string;
      reason: string;
    }
  | { kind: 'failed'; code: WebhookFailureCode; message: string; url: string };
