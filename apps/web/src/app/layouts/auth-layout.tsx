/** The frame of the sign-in and password pages: product name, a card, and the language switch. */
import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../ui/brand-mark.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      style={{
        minHeight: '100vh',
        background:
          'radial-gradient(circle at 20% 20%, rgba(255,255,255,0.08) 0, transparent 40%), linear-gradient(160deg, #0f2747 0%, #1d4f9c 60%, #2a6fd0 100%)',
      }}
    >
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex flex={1} vertical align="center" justify="center" style={{ padding: '0 16px 48px' }}>
        <Flex align="center" gap={14} style={{ marginBottom: 28 }}>
          <BrandMark size={52} />
          <div>
            <Typography.Title level={1} style={{ margin: 0, color: '#fff', fontSize: 34, letterSpacing: 4 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16, letterSpacing: 1 }}>
              {t('app.subtitle')}
            </Typography.Text>
          </div>
        </Flex>
        <Card
          title={<span style={{ fontSize: 18 }}>{title}</span>}
          style={{ width: '100%', maxWidth: 420, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' }}
        >
          {children}
        </Card>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.65)', marginTop: 24, fontSize: 12 }}>
          {t('app.footer')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
