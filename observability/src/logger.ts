/** Structured JSON-lines logger shared by every FuzzForge process (pino underneath). */
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';
import { redactFields, redactString } from './logging/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each JSON line without its newline; stdout when absent. */
  write?: (line: string) => void;
  now?: () => Date;
}

/** The active span's ids, so a line can be found from its trace in Grafana and the other way round. */
function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const ctx = span.spanContext();
  if (!isSpanContextValid(ctx)) return {};
  return {
    trace_id: ctx.traceId,
    span_id: ctx.spanId,
    trace_flags: ctx.traceFlags.toString(16).padStart(2, '0'),
  };
}

function wrap(p: pino.Logger<never, boolean>): Logger {
  const emit =
    (level: LogLevel) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      if (!p.isLevelEnabled(level)) return;
      p[level](fields ? redactFields(fields) : {}, redactString(msg));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(p.child(redactFields(fields))),
  };
}

/**
 * Creates a logger writing one JSON object per line (to stdout unless `write` is given): `time`,
 * `level`, `service`, `msg`, the fields, and `trace_id`/`span_id`/`trace_flags` inside a span.
 * Secrets are redacted from every message and field (see logging/redact.ts).
 */
export function createLogger(
  service: string,
  options: LoggerOptions = {},
  base: Record<string, unknown> = {},
): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const destination = { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) };
  const p = pino(
    {
      level: options.level ?? 'info',
      base: { service },
      messageKey: 'msg',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceFields,
      // Errors are already plain objects (redactValue); pino's own `err` serializer would re-wrap them.
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
  return wrap(Object.keys(base).length > 0 ? p.child(redactFields(base)) : p);
}
