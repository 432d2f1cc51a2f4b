export { project } from './projections';
export { evolveRun, emptyRun, type RunState } from './runState';
