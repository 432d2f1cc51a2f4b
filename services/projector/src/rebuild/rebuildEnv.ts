import { z } from 'zod';
import { DatabaseEnv, NatsEnv } from '@fuzzforge/platform';

/** Configuration of `npm run rebuild-read-models`: the streams it reads and the database it rebuilds. */
export const RebuildEnv = z.object({
  ...NatsEnv.shape,
  ...DatabaseEnv.shape,
});
export type RebuildEnv = z.infer<typeof RebuildEnv>;
