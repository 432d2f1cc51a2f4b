export { project, projectBatch } from './projections';
export { evolveRun, emptyRun, type RunState } from './runState';
export { crashIdOf } from './fuzzingProjection';
export { projectFindingIdOf } from './projectFindingProjection';
export { deriveTriage } from './triageHistory';
