import { describe, expect, it } from 'vitest';
import { applyFieldErrors, fieldErrorsFromIssues, type FieldError } from './form-errors.ts';

describe('fieldErrorsFromIssues', () => {
  it('maps body paths to form names, numbers for list indexes', () => {
    expect(
      fieldErrorsFromIssues([
        { path: 'body.name', message: '名称不能为空' },
        { path: 'body.roles.0.nodeId', message: '请选择辖区' },
        { path: 'body.name', message: '名称最多 60 个字' },
        { path: 'query.page', message: 'x' },
        { path: 'body', message: 'whole body' },
      ]),
    ).toEqual([
      { name: ['name'], errors: ['名称不能为空', '名称最多 60 个字'] },
      { name: ['roles', 0, 'nodeId'], errors: ['请选择辖区'] },
    ]);
  });
});

describe('applyFieldErrors', () => {
  function fakeForm(values: unknown) {
    const set: FieldError[] = [];
    return {
      set,
      form: {
        setFields: (fields: FieldError[]) => set.push(...fields),
        getFieldsValue: () => values,
      },
    };
  }

  it('sets errors on fields the form has and reports full coverage', () => {
    const { form, set } = fakeForm({ name: '', roles: [{ role: 'grid_worker', nodeId: undefined }] });
    const covered = applyFieldErrors(form as never, [
      { path: 'body.name', message: 'a' },
      { path: 'body.roles.0.nodeId', message: 'b' },
    ]);
    expect(covered).toBe(true);
    expect(set.map((f) => f.name)).toEqual([['name'], ['roles', 0, 'nodeId']]);
  });

  it('reports when an issue has no field to land on', () => {
    const { form } = fakeForm({ name: '' });
    expect(applyFieldErrors(form as never, [{ path: 'body.code', message: 'c' }])).toBe(false);
    expect(applyFieldErrors(form as never, [])).toBe(false);
  });
});
