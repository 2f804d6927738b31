/** i18next set-up: zh-CN by default, English on request; the choice is kept in localStorage. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zhCN } from './locales/zh-cn.ts';
import { en } from './locales/en.ts';
import type { Translation } from './locales/translation.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'linli.language';

/** The stored language, or zh-CN when none (or an unknown one) is stored. */
export function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return languages.find((l) => l === stored) ?? 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = i18next.createInstance();

// dayjs (and so antd's pickers) and the document follow every language change, the first included.
i18n.on('languageChanged', () => {
  dayjs.locale(currentLanguage() === 'en' ? 'en' : 'zh-cn');
  syncDocument();
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: readStoredLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The language in use, normalised to one of ours. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the language, remembers it, and updates `<html lang>` and the document title. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(storageKey, language);
  } catch {
    // Private mode may refuse storage; the switch still applies to this page.
  }
  await i18n.changeLanguage(language);
}

/** Puts the current language on `<html lang>` and the document title. */
export function syncDocument(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = currentLanguage();
  document.title = i18n.t('app.documentTitle');
}

/** Picks the text for the current language from a contracts label pair such as `roleLabels.x`. */
export function pickLabel(label: { zh: string; en: string }, language: Language = currentLanguage()): string {
  return language === 'en' ? label.en : label.zh;
}
