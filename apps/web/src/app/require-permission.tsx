/** Shows a screen only to users holding its permission; others are told how to get access. */
import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@linli/contracts';
import { useHasPermission } from '../features/auth/index.ts';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = useHasPermission(permission);
  if (!allowed) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenText')} />;
  return <>{children}</>;
}
