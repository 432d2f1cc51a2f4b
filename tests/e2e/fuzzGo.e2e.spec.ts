import { describeFuzzEngine } from '../support/fuzzEngineSuite';

// The index-out-of-range panic of an F record with a count past its body (tests/fixtures/fuzz-go-panic).
describeFuzzEngine({
  engine: 'go-fuzz',
  fixture: 'fuzz-go-panic',
  type: 'index-out-of-range',
  topFunction: /^parser\.parseFields$/,
  topFile: 'parser/parser.go',
});
