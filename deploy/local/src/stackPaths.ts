import path from 'node:path';
import type { StackConfig } from './stackConfig';

/** Where each piece of the stack lives on disk: shared installs under `root`, state under `dataDir`. */
export interface StackPaths {
  venv: string;
  venvBin: (binary: string) => string;
  venvMarker: string;
  provisionLock: string;
  provisionLog: string;
  stackLock: string;
  logs: string;
  natsConfig: string;
  natsStore: string;
  temporalDb: string;
  s3Data: string;
  s3Identities: string;
  pgData: string;
  pgPasswordFile: string;
}

export function stackPaths(config: Pick<StackConfig, 'root' | 'dataDir' | 'postgresDataDir'>): StackPaths {
  const venv = path.join(config.root, 'venv');
  const data = (...parts: string[]): string => path.join(config.dataDir, ...parts);
  return {
    venv,
    venvBin: (binary) => path.join(venv, 'bin', binary),
    venvMarker: path.join(venv, 'fuzzforge-stack.json'),
    provisionLock: path.join(config.root, 'provision.lock'),
    provisionLog: path.join(config.root, 'provision.log'),
    stackLock: data('stack.lock'),
    logs: data('logs'),
    natsConfig: data('nats.conf'),
    natsStore: data('nats'),
    temporalDb: data('temporal.db'),
    s3Data: data('s3'),
    s3Identities: data('s3-identities.json'),
    pgData: config.postgresDataDir ?? data('pg'),
    // Beside the cluster, so the postgres user can read it wherever the cluster lives.
    pgPasswordFile: config.postgresDataDir
      ? path.join(path.dirname(config.postgresDataDir), '.pg-initdb-password')
      : data('.pg-initdb-password'),
  };
}
