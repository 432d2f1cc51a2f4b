export { createApp } from './app';
export type { ApiDeps } from './deps';
export type { ReadinessCheck } from './domain/readiness';
export { dependencyChecks } from './domain/dependencyChecks';
