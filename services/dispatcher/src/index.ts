export { dispatchRun, type DispatchOutcome } from './dispatch';
export { toWorkflowStart } from './workflowStart';
