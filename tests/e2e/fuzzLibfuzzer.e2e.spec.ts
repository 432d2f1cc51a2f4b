import { describeFuzzEngine } from '../support/fuzzEngineSuite';

// The heap-buffer-overflow behind the FZRC magic (tests/fixtures/fuzz-c-heap/README.md), minimized.
describeFuzzEngine({
  engine: 'libfuzzer',
  fixture: 'fuzz-c-heap',
  type: 'heap-buffer-overflow',
  topFunction: /^parse_record$/,
  topFile: 'src/parser.c',
  parameters: { minimize: true },
});
