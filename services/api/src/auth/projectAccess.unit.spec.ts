import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { Principal } from './principal';
import { listScope, projectForWrite } from './projectAccess';

const everyProject: Principal = { keyId: 'k1', scopes: ['read'], projects: null, rateLimit: null };
const limited: Principal = { keyId: 'k2', scopes: ['read'], projects: ['alpha', 'beta'], rateLimit: null };

describe('listScope', () => {
  it('shows an unrestricted key what it asks for, or everything', () => {
    expect(listScope(everyProject, 'alpha')).toEqual({ project: 'alpha' });
    expect(listScope(everyProject, undefined)).toEqual({});
  });

  it('keeps a restricted key to its projects', () => {
    expect(listScope(limited, 'beta')).toEqual({ project: 'beta' });
    expect(listScope(limited, undefined)).toEqual({ projects: ['alpha', 'beta'] });
    expect(() => listScope(limited, 'gamma')).toThrow(ApiError);
  });
});

describe('projectForWrite', () => {
  it('writes where asked, else to the key first project, else to default', () => {
    expect(projectForWrite(everyProject, 'gamma')).toBe('gamma');
    expect(projectForWrite(everyProject, undefined)).toBe('default');
    expect(projectForWrite(limited, undefined)).toBe('alpha');
    expect(projectForWrite(limited, 'beta')).toBe('beta');
  });

  it('refuses a project the key may not use with 403', () => {
    try {
      projectForWrite(limited, 'default');
      expect.fail('expected a refusal');
    } catch (err) {
      expect(err).toMatchObject({ status: 403, code: 'project-forbidden' });
    }
  });
});
