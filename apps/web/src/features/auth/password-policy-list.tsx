/** The password rules with a tick or cross per rule, updated as the user types. */
import { Flex, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describePassword, type CharacterClass } from './password-policy.ts';

const classOrder: CharacterClass[] = ['upper', 'lower', 'digit', 'symbol'];

function Rule({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <Flex gap={8} align="center">
      {ok ? (
        <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />
      ) : (
        <CloseCircleOutlined style={{ color: '#bfbfbf' }} aria-hidden />
      )}
      <Typography.Text type={ok ? 'success' : 'secondary'}>{children}</Typography.Text>
    </Flex>
  );
}

export function PasswordPolicyList({ password }: { password: string }) {
  const { t } = useTranslation();
  const report = describePassword(password);
  const classLabel: Record<CharacterClass, string> = {
    upper: t('auth.classUpper'),
    lower: t('auth.classLower'),
    digit: t('auth.classDigit'),
    symbol: t('auth.classSymbol'),
  };
  return (
    <div
      aria-live="polite"
      style={{ background: '#f6f8fb', border: '1px solid #e5e9f2', borderRadius: 8, padding: '12px 16px' }}
    >
      <Typography.Text strong>{t('auth.policyTitle')}</Typography.Text>
      <Flex vertical gap={4} style={{ marginTop: 8 }}>
        <Rule ok={report.isLongEnough}>{t('auth.ruleLength', { count: report.length })}</Rule>
        <Rule ok={report.classCount >= 3}>{t('auth.ruleClasses', { count: report.classCount })}</Rule>
        <Flex gap={16} wrap style={{ paddingLeft: 22 }}>
          {classOrder.map((c) => (
            <Rule key={c} ok={report.classes[c]}>
              {classLabel[c]}
            </Rule>
          ))}
        </Flex>
        {report.isStrong && (
          <Typography.Text type="success" strong>
            {t('auth.strong')}
          </Typography.Text>
        )}
      </Flex>
    </div>
  );
}
