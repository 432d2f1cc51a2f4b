/** What a file of a C/C++ target is to a harness build. */
export type SourceRole = 'harness' | 'program' | 'library' | 'header';

/** A C/C++ file of the workspace, by its path relative to the workspace (always with `/`). */
export interface SourceFile {
  path: string;
  role: SourceRole;
  language: 'c' | 'c++';
}

const C_SOURCES = new Set(['.c']);
const CXX_SOURCES = new Set(['.cc', '.cpp', '.cxx', '.c++', '.C']);
const HEADERS = new Set(['.h', '.hh', '.hpp', '.hxx', '.h++', '.H', '.inc', '.ipp', '.tpp']);

// A definition, not a declaration: the parameter list is followed by a body.
const HARNESS = /\bLLVMFuzzerTestOneInput\s*\([^;{}]*\)\s*\{/;
const MAIN = /\b(?:int|void)\s+main\s*\([^;{}]*\)\s*\{/;

/** The language of a C/C++ source or header by its extension; undefined for any other file. */
export function languageOf(file: string): SourceFile['language'] | undefined {
  const extension = /\.[^./]+$/.exec(file)?.[0] ?? '';
  if (C_SOURCES.has(extension)) return 'c';
  if (CXX_SOURCES.has(extension)) return 'c++';
  if (HEADERS.has(extension)) return extension === '.h' ? 'c' : 'c++';
  return undefined;
}

export const isHeader = (file: string): boolean => HEADERS.has(/\.[^./]+$/.exec(file)?.[0] ?? '');

/**
 * What a source is, from its text: a libFuzzer harness (defines `LLVMFuzzerTestOneInput`), a program
 * (defines `main`: a tool, test or example a harness cannot link with), else part of the library. Pure.
 */
export function roleOf(file: string, text: string): SourceRole {
  if (isHeader(file)) return 'header';
  if (HARNESS.test(text)) return 'harness';
  if (MAIN.test(text)) return 'program';
  return 'library';
}
