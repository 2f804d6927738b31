/** The API tokens, with revoke behind a confirmation. */
import type { ReactNode } from 'react';
import { App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ApiToken } from '@linli/contracts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { useRevokeToken } from './token-queries.ts';

type Token = z.output<typeof ApiToken>;

export function TokensTable({
  tokens,
  loading,
  empty,
}: {
  tokens: readonly Token[];
  loading: boolean;
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const revoke = useRevokeToken();

  const revokeToken = async (token: Token) => {
    try {
      await revoke.mutateAsync(token.id);
      void message.success(t('tokens.revoked'));
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: ColumnsType<Token> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    { title: t('tokens.node'), dataIndex: 'nodeName', width: 180 },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      width: 140,
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at) : t('tokens.neverUsed')),
    },
    {
      title: t('tokens.status'),
      key: 'status',
      width: 200,
      render: (_: unknown, token) =>
        token.revokedAt ? (
          <Tag>{t('tokens.revokedAt', { time: formatDateTime(token.revokedAt) })}</Tag>
        ) : (
          <Tag color="success">{t('tokens.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: token.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => void revokeToken(token)}
            styles={{ root: { maxWidth: 360 } }}
          >
            <Button type="link" danger size="small" aria-label={`${t('tokens.revoke')} ${token.name}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Table<Token>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tokens}
      loading={loading}
      scroll={{ x: 900 }}
      locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
    />
  );
}
