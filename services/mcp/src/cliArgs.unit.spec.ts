import { describe, expect, it } from 'vitest';
import { parseArgs } from './cliArgs';

describe('ff-mcp arguments', () => {
  it('serves stdio by default', () => {
    expect(parseArgs([])).toEqual({ kind: 'stdio' });
    expect(parseArgs(['--stdio'])).toEqual({ kind: 'stdio' });
  });

  it('serves HTTP on the port and host asked for', () => {
    expect(parseArgs(['--http', '--port', '0'])).toEqual({ kind: 'http', port: 0, host: undefined });
    expect(parseArgs(['--http', '--port=9000', '--host', '0.0.0.0'])).toEqual({
      kind: 'http',
      port: 9000,
      host: '0.0.0.0',
    });
  });

  it('refuses contradictions and typos', () => {
    expect(() => parseArgs(['--stdio', '--http'])).toThrow('Choose one');
    expect(() => parseArgs(['--port', '9000'])).toThrow('go with --http');
    expect(() => parseArgs(['--http', '--port', 'x'])).toThrow('port number');
    expect(() => parseArgs(['--htttp'])).toThrow('Unknown argument --htttp');
  });
});
