// Entry point of `npm start` and `npm test` on a fresh clone: it needs nothing but Node itself.
// It installs dependencies when they are missing or stale, then hands over to the TypeScript code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(
    `FuzzForge needs Node.js 20 or newer; this is ${process.version}.\n  fix: install Node.js 20 and retry`,
  );
  process.exit(1);
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const stale =
  !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  console.log('[fuzzforge] installing dependencies (npm ci) ...');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error(
      '[fuzzforge] npm ci failed.\n  fix: check access to the npm registry (or set npm_config_registry) and retry',
    );
    process.exit(npm.status ?? 1);
  }
}

const commands = {
  start: ['--import', 'tsx', join(root, 'deploy/local/src/start.ts')],
  test: [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(3)],
};
const args = commands[process.argv[2]];
if (!args) {
  console.error(`usage: bootstrap.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
// The AWS SDK warns in every process that it will drop Node 20 in 2027: noise in test and service logs.
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
// Ctrl-C reaches the child through the terminal's process group; forward explicit signals too.
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
process.on('SIGINT', () => undefined);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
