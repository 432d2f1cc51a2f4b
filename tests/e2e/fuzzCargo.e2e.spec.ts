import { describeFuzzEngine } from '../support/fuzzEngineSuite';

// The out-of-range slice of an extended RCD1 record (tests/fixtures/fuzz-rust-panic/README.md).
describeFuzzEngine({
  engine: 'cargo-fuzz',
  fixture: 'fuzz-rust-panic',
  type: 'index-out-of-bounds',
  topFunction: /(^|::)parse_record$/,
  topFile: 'src/lib.rs',
});
