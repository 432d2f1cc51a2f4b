export { endpointsOf, endpointsToEnv, type StackEndpoints } from './endpoints';
export { natsUsersOf, platformConsumers, type NatsUsers } from './natsUsers';
export { provisionStack, startStack, type RunningStack } from './stack';
export {
  defaultPorts,
  portEnvVars,
  stackConfigFromEnv,
  type StackConfig,
  type StackPorts,
  type StackProfile,
} from './stackConfig';
export { StackError, type StackErrorCode } from './stackError';
export { stackPaths } from './stackPaths';
export { provisionSchemathesis, schemathesisPins } from './schemathesis';
export { dockerComposeCommand, provisionDockerCompose } from './dockerCompose';
