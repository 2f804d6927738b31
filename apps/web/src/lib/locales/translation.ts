/** The shape every language's text must have: the keys of the Chinese text, with any strings. */
import type { zhCN } from './zh-cn.ts';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export type Translation = Widen<typeof zhCN>;
