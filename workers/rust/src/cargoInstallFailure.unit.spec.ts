import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cargoInstallFailure } from './cargoInstallFailure';

const recorded = (name: string): string =>
  readFileSync(new URL(`./__recorded__/${name}`, import.meta.url), 'utf8');

describe('cargoInstallFailure', () => {
  it('blames the registry when cargo cannot reach it or it lacks the version', () => {
    expect(cargoInstallFailure(recorded('cargo-install-offline.txt'))).toBe('registry-unreachable');
    expect(cargoInstallFailure(recorded('cargo-install-missing-version.txt'))).toBe('registry-unreachable');
  });

  it('blames the build otherwise', () => {
    expect(cargoInstallFailure('error: linker `cc` not found\nerror: could not compile `libc`')).toBe(
      'install-failed',
    );
  });
});
