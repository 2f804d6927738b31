import { nodeLevels } from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { canBeChild, checkCode, childPath, codeHint, isInside } from './jurisdiction.ts';

describe('jurisdiction rules', () => {
  it('only districts are roots; each level has its children', () => {
    expect(nodeLevels.filter((l) => canBeChild(null, l))).toEqual(['district']);
    expect(canBeChild('district', 'street')).toBe(true);
    expect(canBeChild('community', 'grid')).toBe(true);
    expect(canBeChild('building', 'household')).toBe(true);
    expect(canBeChild('building', 'unit')).toBe(true);
    expect(canBeChild('street', 'grid')).toBe(false);
    expect(canBeChild('household', 'household')).toBe(false);
  });

  it('codes: 6 / 9 / 12 / 15 digits, extending the parent code', () => {
    expect(checkCode('district', '330106', null)).toBeNull();
    expect(checkCode('street', '330106001', '330106')).toBeNull();
    expect(checkCode('street', '330107001', '330106')).toBe('NODE_CODE_INVALID');
    expect(checkCode('grid', '330106001002003', '330106001002')).toBeNull();
    expect(checkCode('grid', '33010600100200', '330106001002')).toBe('NODE_CODE_INVALID');
    expect(checkCode('building', '123456', null)).toBe('NODE_CODE_INVALID');
    expect(checkCode('building', undefined, null)).toBeNull();
    expect(codeHint('grid', '330106001002').zh).toBe('编码应为 15 位数字，并以上级编码 330106001002 开头。');
  });

  it('paths', () => {
    expect(childPath(null, 7)).toBe('/7/');
    expect(childPath('/7/', 12)).toBe('/7/12/');
    expect(isInside('/7/12/30/', '/7/12/')).toBe(true);
    expect(isInside('/7/120/', '/7/12/')).toBe(false);
  });
});
