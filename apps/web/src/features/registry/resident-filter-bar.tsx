/** The resident search: one box for name, pinyin, ID, phone or address, and the filters beside it. */
import { Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegistryLabels } from './registry-labels.ts';
import type { ResidentFilterValues } from './resident-search.ts';
import type { Gender, RegistrationType, ResidentStatus } from './registry-types.ts';

const listedStatuses: ResidentStatus[] = ['active', 'moved_out', 'deceased'];

export function ResidentFilterBar({
  value,
  onChange,
}: {
  value: ResidentFilterValues;
  onChange: (next: ResidentFilterValues) => void;
}) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const age = (v: number | null) => (v === null ? undefined : v);

  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <Input.Search
        aria-label={t('registry.searchLabel')}
        placeholder={t('registry.searchPlaceholder')}
        allowClear
        defaultValue={value.q}
        maxLength={60}
        enterButton={t('common.search')}
        size="large"
        style={{ maxWidth: 640 }}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
      />
      <Form name="resident-filters" layout="inline" style={{ rowGap: 12 }}>
        <Form.Item label={t('registry.careTags')} htmlFor="resident-filter-tags">
          <Select<string[]>
            id="resident-filter-tags"
            mode="multiple"
            allowClear
            placeholder={t('common.all')}
            value={value.tags ?? []}
            onChange={(tags) => onChange({ ...value, tags: tags.length ? tags : undefined })}
            options={labels.careTags.map((tag) => ({ value: tag.code, label: labels.tagName(tag.code) }))}
            maxTagCount="responsive"
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item label={t('registry.registrationType')} htmlFor="resident-filter-type">
          <Select<RegistrationType>
            id="resident-filter-type"
            allowClear
            placeholder={t('common.all')}
            value={value.registrationType}
            onChange={(v) => onChange({ ...value, registrationType: v ?? undefined })}
            options={labels.options('registrationType')}
            style={{ width: 130 }}
          />
        </Form.Item>
        <Form.Item label={t('registry.gender')} htmlFor="resident-filter-gender">
          <Select<Gender>
            id="resident-filter-gender"
            allowClear
            placeholder={t('common.all')}
            value={value.gender}
            onChange={(v) => onChange({ ...value, gender: v ?? undefined })}
            options={labels.options('gender')}
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item label={t('registry.ageRange')}>
          <Flex align="center" gap={4}>
            <InputNumber
              aria-label={t('registry.ageMin')}
              min={0}
              max={150}
              precision={0}
              value={value.ageMin}
              onChange={(v) => onChange({ ...value, ageMin: age(v) })}
              style={{ width: 72 }}
            />
            <span aria-hidden>–</span>
            <InputNumber
              aria-label={t('registry.ageMax')}
              min={0}
              max={150}
              precision={0}
              value={value.ageMax}
              onChange={(v) => onChange({ ...value, ageMax: age(v) })}
              style={{ width: 72 }}
            />
          </Flex>
        </Form.Item>
        <Form.Item label={t('registry.status')} htmlFor="resident-filter-status">
          <Select<ResidentStatus>
            id="resident-filter-status"
            value={value.status ?? 'active'}
            onChange={(status) => onChange({ ...value, status })}
            options={listedStatuses.map((s) => ({ value: s, label: labels.label('status', s) }))}
            style={{ width: 110 }}
          />
        </Form.Item>
      </Form>
    </Flex>
  );
}
