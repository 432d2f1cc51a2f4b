// A service whose configuration is always refused: what the supervisor's test starts.
import { z } from 'zod';
import { parseProcessEnv } from '@fuzzforge/platform';

parseProcessEnv(
  z.object({ FF_FIXTURE_REQUIRED: z.string({ error: 'is required by this fixture' }) }),
  {},
  'refusing-fixture',
);
setInterval(() => undefined, 60_000); // never reached: a service that started would keep running
