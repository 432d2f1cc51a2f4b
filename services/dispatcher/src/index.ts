export { dispatchRun, handleRunCommand, type DispatchOutcome } from './dispatch';
export { cancelRun, type CancelOutcome } from './cancel';
export { toWorkflowStart } from './workflowStart';
