export * from './signature';
export * from './retrySchedule';
export * from './autoDisable';
export * from './fanOut/deliveryPlan';
export * from './fannedStreams';
