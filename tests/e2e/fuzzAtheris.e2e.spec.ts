import { describeFuzzEngine } from '../support/fuzzEngineSuite';

// The IndexError of a truncated FZPY v2 record (tests/fixtures/fuzz-python-exception/README.md).
describeFuzzEngine({
  engine: 'atheris',
  fixture: 'fuzz-python-exception',
  type: 'uncaught-exception',
  topFunction: /^parse_record$/,
  topFile: 'recordparse/parser.py',
});
