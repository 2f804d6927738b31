/** Labels of request states, actions, channels, urgencies, ratings and handler types in the user's language. */
import { useMemo } from 'react';
import { requestLabels } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';

type Group = keyof typeof requestLabels;

export type RequestLabel = <G extends Group>(group: G, key: keyof (typeof requestLabels)[G] | string) => string;

/** `label('state', 'dispatched')` → 待签收 / Dispatched; an unknown key is shown as it is. */
export function useRequestLabel(): RequestLabel {
  const { language } = useLabels();
  return useMemo(
    () => (group, key) => {
      const entry = (requestLabels[group] as Record<string, { zh: string; en: string } | undefined>)[String(key)];
      if (!entry) return String(key);
      return language === 'en' ? entry.en : entry.zh;
    },
    [language],
  );
}

/** Tag colours of the states: waiting (orange), working (blue), done (green), ended otherwise (grey). */
export const stateColors: Record<string, string> = {
  submitted: 'orange',
  accepted: 'orange',
  dispatched: 'gold',
  signed: 'blue',
  in_progress: 'blue',
  resolved: 'cyan',
  verified: 'purple',
  rated: 'purple',
  closed: 'green',
  declined: 'default',
  merged: 'default',
  withdrawn: 'default',
};

export const urgencyColors: Record<string, string | undefined> = {
  normal: undefined,
  urgent: 'orange',
  emergency: 'red',
};
