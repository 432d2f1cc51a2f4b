// The assessment vertical's pure parts; its worker starts from main.ts.
export * from './assessmentPlan';
export * from './catalog';
export * from './childWorkflows';
export * from './languageDetection';
export * from './mergedReport';
export * from './securityAssessmentParameters';
export { provisionAssessmentVertical } from './provision';
