/** Labels of house uses, rental states and unit kinds in the user's language. */
import { useTranslation } from 'react-i18next';
import { housingLabels, unitLabels } from '@linli/contracts';
import { pickLabel } from '../../lib/i18n.ts';

export const useColors = {
  owner_occupied: 'green',
  rented: 'orange',
  vacant: 'default',
  commercial: 'purple',
} as const;

export function useHousingLabels() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return {
    use: (u: keyof typeof housingLabels.use) => pickLabel(housingLabels.use[u], language),
    rentalStatus: (s: keyof typeof housingLabels.rentalStatus) => pickLabel(housingLabels.rentalStatus[s], language),
    eventKind: (k: keyof typeof housingLabels.eventKind) => pickLabel(housingLabels.eventKind[k], language),
    unitKind: (k: keyof typeof unitLabels.kind) => pickLabel(unitLabels.kind[k], language),
    unitStatus: (s: keyof typeof unitLabels.status) => pickLabel(unitLabels.status[s], language),
  };
}
