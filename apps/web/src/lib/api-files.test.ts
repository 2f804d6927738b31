import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition, uploadContentType } from './api-files.ts';

describe('fileNameFromDisposition', () => {
  it('prefers the RFC 5987 name', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="residents.xlsx"; filename*=UTF-8''${encodeURIComponent('居民.xlsx')}`,
        'x.xlsx',
      ),
    ).toBe('居民.xlsx');
  });
  it('reads a plain name', () => {
    expect(fileNameFromDisposition('attachment; filename="roster.xlsx"', 'x.xlsx')).toBe('roster.xlsx');
  });
  it('falls back without a header or name', () => {
    expect(fileNameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFromDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
  });
});

describe('uploadContentType', () => {
  it('goes by extension, then the browser type', () => {
    expect(uploadContentType({ name: 'A.XLSX', type: '' })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(uploadContentType({ name: 'a.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(uploadContentType({ name: 'a.bin', type: '' })).toBe('application/octet-stream');
  });
});
