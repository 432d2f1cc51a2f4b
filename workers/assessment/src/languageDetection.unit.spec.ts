import { describe, expect, it } from 'vitest';
import { verticalOfFile, verticalsFor } from './languageDetection';

describe('verticalsFor', () => {
  it('always runs secrets, even on a target without source code', () => {
    expect(verticalsFor([])).toEqual(['secrets']);
    expect(verticalsFor(['README.md', 'config/aws.ini', 'Makefile'])).toEqual(['secrets']);
  });

  it('picks each language vertical from its source files, in run order', () => {
    expect(
      verticalsFor(['store/users.go', 'web/calc.js', 'src/greet.c', 'api/ping.py', 'config/aws.ini']),
    ).toEqual(['secrets', 'python', 'javascript', 'native', 'go']);
  });

  it.each([
    ['app.py', 'python'],
    ['lib/module.mjs', 'javascript'],
    ['lib/module.cjs', 'javascript'],
    ['ui/App.jsx', 'javascript'],
    ['src/server.ts', 'javascript'],
    ['ui/App.tsx', 'javascript'],
    ['include/api.h', 'native'],
    ['src/engine.cc', 'native'],
    ['src/engine.CPP', 'native'],
    ['include/engine.hpp', 'native'],
    ['cmd/main.go', 'go'],
  ])('%s → %s', (file, vertical) => {
    expect(verticalsFor([file])).toEqual(['secrets', vertical]);
  });

  it('takes a go.mod alone as a Go module', () => {
    expect(verticalsFor(['go.mod'])).toEqual(['secrets', 'go']);
  });

  it('ignores code under .git, node_modules and vendor at any depth', () => {
    expect(
      verticalsFor([
        'node_modules/left-pad/index.js',
        'web/node_modules/x/y.ts',
        'vendor/github.com/lib/pq/conn.go',
        '.git/hooks/pre-commit.py',
      ]),
    ).toEqual(['secrets']);
  });

  it('does not take look-alike names for source files', () => {
    expect(verticalsFor(['.py', 'notes.pyc', 'archive.c.txt', 'go.mod.bak', 'constructor', 'js'])).toEqual([
      'secrets',
    ]);
  });
});

describe('verticalOfFile', () => {
  it('names no vertical for a file only secrets reads', () => {
    expect(verticalOfFile('config/aws.ini')).toBeUndefined();
  });
});
