// Archive rules shared by the API (which inspects uploads) and the workers (which extract them), so
// that both read the same entries the same way and refuse the same archives.
export * from './archiveFormat';
export * from './extractionError';
export * from './extractionBudget';
export * from './entryPath';
export * from './linkRules';
export * from './linkResolution';
export * from './tarEntries';
export * from './zipEntries';
