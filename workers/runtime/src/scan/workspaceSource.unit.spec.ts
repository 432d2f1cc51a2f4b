import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoots, workspaceSourceLines } from './workspaceSource';

describe('workspaceSourceLines', () => {
  let root: string;
  let workspace: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ff-source-'));
    workspace = path.join(root, 'ws');
    await mkdir(path.join(workspace, 'src'), { recursive: true });
    await writeFile(path.join(workspace, 'src', 'a.c'), 'int a;\r\n  strcpy(b, c);\nreturn 0;\n');
    await writeFile(path.join(root, 'secret.txt'), 'outside\n');
    await symlink(path.join(root, 'secret.txt'), path.join(workspace, 'link.txt'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('returns a line of a workspace file by its 1-based number', () => {
    const lineOf = workspaceSourceLines(workspace);
    expect(lineOf('src/a.c', 2)).toBe('  strcpy(b, c);');
    expect(lineOf('src/a.c', 1)).toBe('int a;');
    expect(lineOf('src/a.c', 0)).toBeUndefined();
    expect(lineOf('src/missing.c', 1)).toBeUndefined();
  });

  it('never reads outside the workspace, by .. or through a link', () => {
    const lineOf = workspaceSourceLines(workspace);
    expect(lineOf('../secret.txt', 1)).toBeUndefined();
    expect(lineOf('link.txt', 1)).toBeUndefined();
  });

  it('names the workspace as given and as resolved', () => {
    expect(workspaceRoots(workspace)).toContain(path.resolve(workspace));
  });
});
