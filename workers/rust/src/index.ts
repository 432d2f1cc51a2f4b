export { provisionRustVertical } from './provision';
export { locateRustToolchain, type RustToolchain } from './rustToolchain';
export { RustToolchainEnv, RustWorkerEnv } from './env';
export { cargoFuzzEngine } from './fuzz/cargoFuzzEngine';
export { parseRustPanic } from './fuzz/rustPanic';
