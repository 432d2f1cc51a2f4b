import { describeFuzzEngine } from '../support/fuzzEngineSuite';

// The same heap-buffer-overflow behind the FZRC magic, found by AFL++ (tests/fixtures/fuzz-c-heap).
describeFuzzEngine({
  engine: 'afl',
  fixture: 'fuzz-c-heap',
  type: 'heap-buffer-overflow',
  topFunction: /^parse_record$/,
  topFile: 'src/parser.c',
});
