export * from './addressPolicy';
export * from './urlPolicy';
export * from './outboundAgents';
export * from './postWebhook';
export * from './webhookResult';
export { AddressRefusedError, DnsLookupError, guardedLookup } from './guardedLookup';
