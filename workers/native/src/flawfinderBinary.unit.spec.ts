import { describe, expect, it } from 'vitest';
import { pythonOfShebang } from './flawfinderBinary';

describe('pythonOfShebang', () => {
  it('finds the interpreter of a Python script, directly or through env', () => {
    expect(pythonOfShebang('#! /usr/bin/python3')).toBe('/usr/bin/python3');
    expect(pythonOfShebang('#!/stack/tools/flawfinder-venv/bin/python')).toBe(
      '/stack/tools/flawfinder-venv/bin/python',
    );
    expect(pythonOfShebang('#!/usr/bin/env python3.11')).toBe('python3.11');
  });

  it('answers undefined for anything else', () => {
    expect(pythonOfShebang('#!/bin/sh')).toBeUndefined();
    expect(pythonOfShebang('\x7fELF')).toBeUndefined();
  });
});
