export * from './safeExtract';
export * from './targetCache';
export * from './toolRunner';
export * from './runEventEmitter';
export * from './runReportActivities';
export * from './s3Download';
export * from './workerBootstrap';
