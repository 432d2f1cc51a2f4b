export * from './secretKeys';
export * from './secretBox';
