/** The filter bar of the audit log: action, actor, entity, outcome and time range. */
import { Button, DatePicker, Form, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { auditOutcomes } from '@linli/contracts';
import type { AuditFilterValues } from './audit-query.ts';

export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditFilterValues>();
  return (
    <Form<AuditFilterValues>
      form={form}
      name="audit-filters"
      layout="inline"
      onFinish={onApply}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item label={t('audit.action')} name="action">
        <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 210 }} maxLength={80} />
      </Form.Item>
      <Form.Item label={t('audit.actor')} name="actor">
        <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 150 }} maxLength={64} />
      </Form.Item>
      <Form.Item label={t('audit.entityType')} name="entityType">
        <Input allowClear placeholder={t('audit.entityTypePlaceholder')} style={{ width: 150 }} maxLength={40} />
      </Form.Item>
      <Form.Item label={t('audit.entityId')} name="entityId">
        <Input allowClear style={{ width: 110 }} maxLength={40} />
      </Form.Item>
      <Form.Item label={t('audit.outcome')} name="outcome">
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 110 }}
          options={auditOutcomes.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('audit.timeRange')} name="range">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          placeholder={[t('audit.from'), t('audit.to')]}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
