import { describe, expect, it } from 'vitest';
import { progressEventId } from './runEventEmitter';

describe('progressEventId', () => {
  it('numbers a run its progress as before', () => {
    expect(progressEventId('01RUN', 3)).toBe('01RUN.progress.3');
  });

  it('gives each part of a composite run its own sequence, so parts never collide', () => {
    expect(progressEventId('01RUN', 3, 'python')).toBe('01RUN.progress.python.3');
    expect(progressEventId('01RUN', 3, 'go')).not.toBe(progressEventId('01RUN', 3, 'python'));
  });
});
