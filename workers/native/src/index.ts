export { nativeCatalog } from './catalog';
export { createNativeActivities, type NativeActivities } from './activities';
export { provisionNativeVertical } from './provision';
export { libfuzzerEngine } from './fuzz/libfuzzerEngine';
export { aflEngine } from './fuzz/aflEngine';
export { sanitizerEnv } from './fuzz/sanitizerEnv';
export {
  locateNativeFuzzToolchain,
  probeNativeFuzzToolchain,
  fuzzToolchainEnvVars,
  type NativeFuzzToolchain,
  type FuzzToolchainProbe,
} from './fuzzToolchain';
