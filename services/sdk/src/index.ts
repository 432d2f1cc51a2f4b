export { FuzzForgeClient, terminalStatuses } from './client';
export type {
  ClientOptions,
  KeyRequest,
  RunEvent,
  RunRequest,
  SubmitOptions,
  UploadOptions,
  WaitOptions,
  SecretRotation,
  WebhookChange,
  WebhookDeliveryFilter,
  WebhookRequest,
} from './client';
export { FuzzForgeApiError, FuzzForgeConnectionError, RunWaitTimeoutError } from './errors';
export { packDirectory, defaultSkip, type PackOptions } from './packDirectory';
export { contentTypeOf, type UploadProgress } from './uploadSource';
export { parseEventStream, type ServerSentEvent } from './sse';
export { defaultRetryPolicy, type RetryPolicy } from './retryPolicy';
export { verifyWebhookSignature, type VerifyOptions, type WebhookHeaders } from './webhookSignature';
