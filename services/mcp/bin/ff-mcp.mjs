#!/usr/bin/env node
// The `ff-mcp` command: runs the TypeScript entry point through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2), process.env);
