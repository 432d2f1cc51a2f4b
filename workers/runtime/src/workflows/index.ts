export * from './scanWorkflow';
export * from './fuzzWorkflow';
export * from './runTimeout';
export * from './runLifecycle';
