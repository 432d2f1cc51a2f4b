import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createLogger } from '@fuzzforge/observability';
import { bootstrapKeyFile } from './platformSecrets';
import { startPlatform } from './platform';
import { stackConfigFromEnv } from './stackConfig';
import { StackError } from './stackError';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The API port of `npm start` (loopback only). */
const apiPort = z.coerce.number().int().min(1).max(65535).default(8000).parse(process.env['FF_API_PORT']);
const log = createLogger('fuzzforge');

const exampleScan = (api: string, keyCommand: string): string => `
  FuzzForge is running.  API: ${api}   (Ctrl-C stops everything)

  Every request needs an API key; this one is the admin key the API was bootstrapped with:

    export FF_API_KEY=${keyCommand}

  Scan the bundled example repository (it has planted credentials):

    AUTH="authorization: Bearer $FF_API_KEY"
    TARGET=$(tar -czf - -C tests/fixtures/leaky-app . | curl -s -H "$AUTH" --data-binary @- -H 'content-type: application/gzip' ${api}/v1/targets | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
    RUN=$(curl -s -H "$AUTH" -H 'content-type: application/json' -d "{\\"target\\":\\"$TARGET\\",\\"workflow\\":\\"secret-scan\\"}" ${api}/v1/runs | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
    sleep 10; curl -s -H "$AUTH" ${api}/v1/runs/$RUN; echo; curl -s -H "$AUTH" ${api}/v1/runs/$RUN/findings
`;

// The key itself stays out of the terminal's scrollback: the banner says where to read it.
const keyCommand = process.env['FF_BOOTSTRAP_ADMIN_KEY']
  ? '"$FF_BOOTSTRAP_ADMIN_KEY"'
  : `$(cat ${path.relative(process.cwd(), bootstrapKeyFile(stackConfigFromEnv(process.env, repoRoot, 'dev').dataDir))})`;

try {
  const platform = await startPlatform({
    profile: 'dev',
    repoRoot,
    env: process.env,
    apiPort,
    output: { kind: 'console' },
    log,
  });
  process.stdout.write(exampleScan(platform.apiUrl, keyCommand) + '\n');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping FuzzForge', { signal });
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof StackError) {
    process.stderr.write(`\nFuzzForge could not start: ${err.message}\n  fix: ${err.hint}\n`);
  } else {
    process.stderr.write(
      `\nFuzzForge could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
}
