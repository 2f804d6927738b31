/** 辖区管理: the tree on the left, the chosen node's details and actions on the right. */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Col, Empty, Flex, Input, Row, Switch } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useHasPermission } from '../features/auth/index.ts';
import {
  CreateNodeModal,
  NodeActions,
  NodeDetailPanel,
  NodeSearchResults,
  NodeTree,
  useJurisdictionScope,
} from '../features/jurisdiction/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

function parseId(value: string | null): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function JurisdictionRoute() {
  const { t } = useTranslation();
  const { scopeNodeId } = useJurisdictionScope();
  const canManage = useHasPermission('jurisdiction.manage');
  const [params, setParams] = useSearchParams();
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [creatingRoot, setCreatingRoot] = useState(false);
  const selectedId = parseId(params.get('node')) ?? scopeNodeId ?? undefined;

  const select = (nodeId: number) =>
    setParams(
      (p) => {
        p.set('node', String(nodeId));
        return p;
      },
      { replace: false },
    );

  const clearSearch = () => {
    setSearchText('');
    setQ('');
  };

  return (
    <>
      <PageHeader
        title={t('jurisdiction.title')}
        description={t('jurisdiction.description')}
        extra={
          canManage &&
          scopeNodeId === null && (
            <Button icon={<PlusOutlined />} onClick={() => setCreatingRoot(true)}>
              {t('jurisdiction.createRoot')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={8}>
          <Card
            title={t('jurisdiction.treeTitle')}
            extra={
              <Flex align="center" gap={6}>
                <Switch
                  id="show-retired"
                  size="small"
                  checked={includeRetired}
                  onChange={setIncludeRetired}
                  aria-label={t('jurisdiction.showRetired')}
                />
                <label htmlFor="show-retired" style={{ cursor: 'pointer', fontWeight: 'normal' }}>
                  {t('jurisdiction.showRetired')}
                </label>
              </Flex>
            }
            styles={{ body: { padding: 12 } }}
          >
            <Input.Search
              aria-label={t('jurisdiction.searchLabel')}
              placeholder={t('jurisdiction.searchPlaceholder')}
              allowClear
              value={searchText}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (e.target.value === '') setQ('');
              }}
              onSearch={(value) => setQ(value.trim())}
              enterButton={t('common.search')}
              style={{ marginBottom: 12 }}
              maxLength={60}
            />
            {q ? (
              <Flex vertical gap={8}>
                <Button
                  type="link"
                  icon={<ArrowLeftOutlined />}
                  onClick={clearSearch}
                  style={{ alignSelf: 'flex-start', padding: 0 }}
                >
                  {t('jurisdiction.clearSearch')}
                </Button>
                <NodeSearchResults q={q} includeRetired={includeRetired} selectedId={selectedId} onSelect={select} />
              </Flex>
            ) : (
              <NodeTree
                key={`${String(scopeNodeId)}-${String(includeRetired)}`}
                rootId={scopeNodeId}
                includeRetired={includeRetired}
                selectedId={selectedId}
                onSelect={select}
                empty={
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={canManage ? t('jurisdiction.treeEmptyManage') : t('jurisdiction.treeEmpty')}
                  />
                }
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={16}>
          <Card title={t('jurisdiction.detailTitle')}>
            {selectedId === undefined ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jurisdiction.selectHint')} />
            ) : (
              <NodeDetailPanel
                nodeId={selectedId}
                rootId={scopeNodeId}
                onSelect={select}
                actions={canManage ? (node) => <NodeActions node={node} onCreated={(n) => select(n.id)} /> : undefined}
              />
            )}
          </Card>
        </Col>
      </Row>
      {creatingRoot && (
        <CreateNodeModal parent={null} onClose={() => setCreatingRoot(false)} onCreated={(n) => select(n.id)} />
      )}
    </>
  );
}
