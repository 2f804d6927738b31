import { describe, expect, it } from 'vitest';
import { ApiError, parseFieldIssues, toApiError } from './api-error.ts';

const fallback = (code: string) => `fallback:${code}`;

describe('toApiError', () => {
  it('carries code, message and details from the server', () => {
    const error = toApiError(
      400,
      {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误',
        details: [{ path: 'body.name', message: '名称不能为空' }],
      },
      fallback,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('提交的内容有误');
    expect(error.fieldIssues).toEqual([{ path: 'body.name', message: '名称不能为空' }]);
  });

  it('uses the fallback text when the message is missing or blank', () => {
    expect(toApiError(423, { code: 'ACCOUNT_LOCKED', message: ' ' }, fallback).message).toBe('fallback:ACCOUNT_LOCKED');
  });

  it('copes with a body that is not an error body', () => {
    expect(toApiError(502, undefined, fallback).code).toBe('INTERNAL');
    expect(toApiError(404, '<html>', fallback).code).toBe('BAD_RESPONSE');
  });

  it('knows when the session is lost', () => {
    expect(toApiError(401, { code: 'SESSION_EXPIRED', message: 'x' }, fallback).isSessionLost).toBe(true);
    expect(toApiError(401, { code: 'UNAUTHENTICATED', message: 'x' }, fallback).isSessionLost).toBe(true);
    expect(toApiError(401, { code: 'LOGIN_FAILED', message: 'x' }, fallback).isSessionLost).toBe(false);
  });
});

describe('parseFieldIssues', () => {
  it('keeps only well-formed entries', () => {
    expect(parseFieldIssues([{ path: 'body.a', message: 'm' }, { path: 1 }, null, 'x'])).toEqual([
      { path: 'body.a', message: 'm' },
    ]);
    expect(parseFieldIssues({ path: 'body.a' })).toEqual([]);
  });
});
