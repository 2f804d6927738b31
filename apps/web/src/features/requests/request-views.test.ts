import { describe, expect, it } from 'vitest';
import type { Permission } from '@linli/contracts';
import { defaultView, viewsFor } from './request-views.ts';

const p = (...x: Permission[]) => x;

describe('viewsFor', () => {
  it('gives a window clerk only the list of everything in scope', () => {
    expect(viewsFor(p('request.read', 'request.intake'))).toEqual(['all']);
  });
  it('gives a grid worker their own work and the list', () => {
    expect(viewsFor(p('request.read', 'request.intake', 'request.handle'))).toEqual(['mine', 'all']);
  });
  it('gives a community director the queue and the supervisor’s view too', () => {
    const perms = p('request.read', 'request.dispatch', 'request.handle', 'request.supervise');
    expect(viewsFor(perms)).toEqual(['mine', 'dispatch', 'attention', 'all']);
    expect(defaultView(perms)).toBe('dispatch');
  });
  it('gives a department handler their own work only, and a volunteer what they may claim', () => {
    expect(viewsFor(p('request.handle'))).toEqual(['mine']);
    expect(viewsFor(p('request.claim'))).toEqual(['mine', 'claimable']);
  });
});
