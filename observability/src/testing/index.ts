/** Test helpers for other workspaces' tests: spans in memory, and a local OTLP/HTTP receiver. */
export { installInMemoryTracing } from './inMemoryTracing';
export { startOtlpReceiver, type OtlpReceiverOptions, type ReceivedSpan } from './otlpReceiver';
