/** Role and node-level labels from contracts, in the language the user chose. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeLevelLabels, roleLabels, type NodeLevel, type Role } from '@linli/contracts';
import { pickLabel, type Language } from './i18n.ts';

export interface Labels {
  language: Language;
  role: (role: Role) => string;
  level: (level: NodeLevel) => string;
  /** 幸福社区（社区） / Xingfu (Community). */
  nameWithLevel: (name: string, level: NodeLevel | null) => string;
}

/** Label helpers that re-render when the language changes. */
export function useLabels(): Labels {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useMemo(
    () => ({
      language,
      role: (role: Role) => pickLabel(roleLabels[role], language),
      level: (level: NodeLevel) => pickLabel(nodeLevelLabels[level], language),
      nameWithLevel: (name: string, level: NodeLevel | null) => {
        if (level === null) return name;
        const label = pickLabel(nodeLevelLabels[level], language);
        return language === 'en' ? `${name} (${label})` : `${name}（${label}）`;
      },
    }),
    [language],
  );
}
