/** Filters above the user table: name, role, jurisdiction node. */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { NodeSearchSelect } from '../jurisdiction/index.ts';

export interface UserFilterValues {
  q?: string;
  role?: Role;
  nodeId?: number;
}

export function UserFilterBar({
  value,
  onChange,
}: {
  value: UserFilterValues;
  onChange: (next: UserFilterValues) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Form name="user-filters" layout="inline" style={{ rowGap: 12, marginBottom: 16 }}>
      <Form.Item label={t('users.filterQ')} htmlFor="user-filter-q">
        <Input.Search
          id="user-filter-q"
          allowClear
          defaultValue={value.q}
          onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
          style={{ width: 220 }}
          enterButton={t('common.search')}
        />
      </Form.Item>
      <Form.Item label={t('users.filterRole')} htmlFor="user-filter-role">
        <Select<Role>
          id="user-filter-role"
          allowClear
          placeholder={t('common.all')}
          value={value.role}
          onChange={(role) => onChange({ ...value, role: role ?? undefined })}
          options={roles.map((r) => ({ value: r, label: labels.role(r) }))}
          style={{ width: 180 }}
        />
      </Form.Item>
      <Form.Item label={t('users.filterNode')} htmlFor="user-filter-node">
        <NodeSearchSelect
          id="user-filter-node"
          value={value.nodeId ?? null}
          placeholder={t('users.filterNodePlaceholder')}
          onChange={(nodeId) => onChange({ ...value, nodeId: nodeId ?? undefined })}
          style={{ width: 240 }}
        />
      </Form.Item>
    </Form>
  );
}
