import { z } from 'zod';

/** Characters of base64 that encode `bytes` bytes (with padding). */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

const mib = (bytes: number) => `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** How many bytes base64 text decodes to (padded or not). */
export const decodedLength = (base64: string): number =>
  Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

/**
 * The `contentBase64` field of upload_target over HTTP: bounded before anything is decoded, so an
 * oversized target is refused with the limit and what to do instead, naming the field.
 */
export const contentBase64Field = (maxBytes: number) =>
  z
    .string()
    .min(1, 'the target, base64-encoded')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64 (A–Z, a–z, 0–9, +, /, = padding), no spaces')
    .refine((text) => decodedLength(text) <= maxBytes, {
      message: `decodes to more than ${mib(maxBytes)}, the most an MCP upload over HTTP takes: upload larger targets with \`ff targets upload\` or POST /v1/targets, then pass the target id to start_run`,
    });

/**
 * The largest POST body the HTTP transport reads: the biggest upload's base64 plus room for the
 * JSON-RPC envelope and the other fields.
 */
export const maxRequestBodyBytes = (maxUploadBytes: number): number =>
  base64Length(maxUploadBytes) + 1024 * 1024;
