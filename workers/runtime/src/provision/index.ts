// Provisioning helpers for verticals: no Temporal or S3 here, so the local platform and the
// provisioning CLI can import them without loading a worker.
export * from './provisionError';
export * from './runCommand';
export * from './toolProbe';
export * from './installLock';
export * from './npmPrefix';
export * from './pipVenv';
export * from './toolPaths';
export * from './installMarker';
export * from './registryFailure';
export * from './goToolchain';
