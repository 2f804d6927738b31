/** API 令牌: issued tokens, issuing a new one (secret shown once), revoking. */
import { useState } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';
import { CreateTokenModal, TokensTable, useTokens } from '../features/tokens/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { OneTimeSecretModal } from '../ui/one-time-secret-modal.tsx';
import { PageHeader } from '../ui/page-header.tsx';

export function TokensRoute() {
  const { t } = useTranslation();
  const { scopeNodeId } = useJurisdictionScope();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ name: string; secret: string }>();

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        {tokens.isError && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
          </div>
        )}
        <TokensTable tokens={tokens.data ?? []} loading={tokens.isFetching} empty={t('tokens.empty')} />
      </Card>
      {creating && (
        <CreateTokenModal
          defaultNodeId={scopeNodeId}
          onClose={() => setCreating(false)}
          onCreated={({ token, secret }) => setShown({ name: token.name, secret })}
        />
      )}
      <OneTimeSecretModal
        secret={shown?.secret}
        title={t('tokens.secretTitle')}
        intro={t('tokens.secretFor', { name: shown?.name ?? '' })}
        onClose={() => setShown(undefined)}
      />
    </>
  );
}
