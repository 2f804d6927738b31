/** Registry labels from contracts and care-tag names from the dictionary, in the user's language. */
import { useMemo } from 'react';
import { registryLabels, type CareTag } from '@linli/contracts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { useCareTags } from './registry-queries.ts';

type LabelGroup = keyof typeof registryLabels;

export interface RegistryLabels {
  /** The label of one value of a registry enum, e.g. `label('gender', 'male')` → 男. */
  label: <G extends LabelGroup>(group: G, value: keyof (typeof registryLabels)[G]) => string;
  /** Options for a select over a registry enum. */
  options: <G extends LabelGroup>(group: G) => { value: keyof (typeof registryLabels)[G] & string; label: string }[];
  /** The care tag's name; the code itself when the dictionary does not (yet) know it. */
  tagName: (code: string) => string;
  careTags: CareTag[];
}

export function useRegistryLabels(): RegistryLabels {
  const { language } = useLabels();
  const careTags = useCareTags().data;
  return useMemo(() => {
    const tags = careTags ?? [];
    const byCode = new Map(tags.map((t) => [t.code, t]));
    const label = <G extends LabelGroup>(group: G, value: keyof (typeof registryLabels)[G]): string => {
      const entry = (registryLabels[group] as Record<string, { zh: string; en: string }>)[value as string];
      return entry ? pickLabel(entry, language) : String(value);
    };
    return {
      label,
      options: <G extends LabelGroup>(group: G) =>
        Object.keys(registryLabels[group]).map((value) => ({
          value: value as keyof (typeof registryLabels)[G] & string,
          label: label(group, value as keyof (typeof registryLabels)[G]),
        })),
      tagName: (code: string) => {
        const tag = byCode.get(code);
        if (!tag) return code;
        return language === 'en' ? tag.nameEn : tag.nameZh;
      },
      careTags: tags,
    };
  }, [careTags, language]);
}
