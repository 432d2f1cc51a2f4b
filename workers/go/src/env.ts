import { z } from 'zod';
import { VerticalWorkerEnv } from '@fuzzforge/worker-runtime';

/** Configuration of the go worker, parsed once in main.ts. */
export const GoWorkerEnv = VerticalWorkerEnv.extend({
  /** Where provisioning built gosec when FF_GOSEC_PATH is not set (`<stack>/tools/gosec-<version>`). */
  FF_STACK_DIR: z.string().default('.stack'),
  /** Use this gosec binary (provisioning sets it). */
  FF_GOSEC_PATH: z.string().min(1).optional(),
  /** The go command gosec loads packages with and go-fuzz builds with; default: `go` on PATH. */
  FF_GO_BINARY: z.string().min(1).optional(),
  /**
   * GOCACHE shared by this worker's fuzz builds: a cold cache recompiles the standard library with
   * fuzzing instrumentation (about 30 s), a warm one takes under a second.
   */
  FF_GO_BUILD_CACHE: z.string().min(1).default('.stack/cache/go-build'),
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/go'),
  /** Scans run at once by this worker process (gosec type-checks on every core: keep it low). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type GoWorkerEnv = z.infer<typeof GoWorkerEnv>;
