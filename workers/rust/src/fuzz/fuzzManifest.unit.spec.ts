import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzzTargetsOf, isCargoFuzzManifest } from './fuzzManifest';

const fixtureManifest = readFileSync(
  new URL('../../../../tests/fixtures/fuzz-rust-panic/fuzz/Cargo.toml', import.meta.url),
  'utf8',
);

describe('fuzzTargetsOf', () => {
  it('reads the [[bin]] targets cargo-fuzz writes', () => {
    expect(fuzzTargetsOf(fixtureManifest)).toEqual([{ name: 'parse', path: 'fuzz_targets/parse.rs' }]);
    expect(isCargoFuzzManifest(fixtureManifest)).toBe(true);
  });

  it('keeps file order, single quotes and comments, and ignores other tables', () => {
    const manifest = [
      '[package]',
      'name = "not-a-target"',
      '[[bin]] # the decoder',
      "name = 'decode'",
      'path = "fuzz_targets/decode.rs" # moved',
      '[dependencies.libfuzzer-sys]',
      'version = "0.4"',
      '[[bin]]',
      'name = "encode"',
      '[[example]]',
      'name = "demo"',
      'path = "examples/demo.rs"',
    ].join('\n');
    expect(fuzzTargetsOf(manifest)).toEqual([
      { name: 'decode', path: 'fuzz_targets/decode.rs' },
      { name: 'encode', path: 'src/bin/encode.rs' },
    ]);
    expect(isCargoFuzzManifest(manifest)).toBe(true);
  });

  it("tells another fuzzer's manifest apart", () => {
    expect(isCargoFuzzManifest('[dependencies]\nafl = "0.15"\n')).toBe(false);
  });
});
