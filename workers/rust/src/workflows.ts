/** cargo-fuzz: a fuzzing campaign (the engine is picked by the workflow's name). */
export { fuzzCampaign } from '@fuzzforge/worker-runtime/workflows';
