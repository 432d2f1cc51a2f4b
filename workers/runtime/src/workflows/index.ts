export * from './scanWorkflow';
export * from './fuzzWorkflow';
