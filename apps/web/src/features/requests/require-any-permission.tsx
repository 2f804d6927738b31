/** Shows a screen to users holding any of several permissions (the workbench serves readers, handlers and volunteers). */
import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@linli/contracts';
import { useSession } from '../auth/index.ts';

export function RequireAnyPermission({ anyOf, children }: { anyOf: readonly Permission[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  if (!anyOf.some((p) => me.permissions.includes(p)))
    return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenText')} />;
  return <>{children}</>;
}
