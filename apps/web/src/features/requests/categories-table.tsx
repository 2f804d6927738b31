/**
 * 诉求类别 for administrators: the category tree with its default handler, department and the
 * time-limit matrix (sign for within N working hours / resolve within N working days, per urgency),
 * all editable in place; a switch turns a category on or off.
 */
import { useState } from 'react';
import { App, Flex, Form, Input, InputNumber, Select, Switch, Table, Tooltip, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  handlerTypes,
  urgencies,
  type Category,
  type HandlerType,
  type TimeLimits,
  type Urgency,
} from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { categoryName, categoryTree, type CategoryNode } from './category-tree.ts';
import { toTreeOptions } from './request-filter-bar.tsx';
import { useCategories, useCreateCategory, useDepartments, useUpdateCategory } from './request-queries.ts';
import { useRequestLabel } from './request-labels.ts';

type Patch = Parameters<ReturnType<typeof useUpdateCategory>['mutate']>[0]['body'];

/** One number of the matrix: edited in place, saved when the field is left or Enter is pressed. */
function LimitCell({
  value,
  max,
  step,
  label,
  onSave,
}: {
  value: number;
  max: number;
  step: number;
  label: string;
  onSave: (v: number) => void;
}) {
  const [draft, setDraft] = useState<number | null>(value);
  const save = () => {
    if (draft !== null && draft > 0 && draft !== value) onSave(draft);
    else setDraft(value);
  };
  return (
    <InputNumber
      aria-label={label}
      size="small"
      min={0.5}
      max={max}
      step={step}
      value={draft}
      onChange={(v) => setDraft(typeof v === 'number' ? v : null)}
      onBlur={save}
      onPressEnter={save}
      variant="borderless"
      // 2 rather than 2.0: the numbers are read as a matrix, not as decimals.
      formatter={(v) => (v === undefined ? '' : String(Number(v)))}
      style={{ width: 56, background: draft !== value ? '#fffbe6' : undefined }}
    />
  );
}

export function CategoriesTable() {
  const { t } = useTranslation();
  const { language } = useLabels();
  const label = useRequestLabel();
  const { message } = App.useApp();
  const categories = useCategories();
  const departments = useDepartments();
  const update = useUpdateCategory();

  const save = (c: Category, body: Patch) =>
    update.mutate(
      { id: c.id, body },
      {
        onSuccess: (saved) =>
          void message.success(t('requests.categoriesPage.saved', { name: categoryName(saved, language) })),
        onError: (err) => void message.error(errorText(err), 6),
      },
    );
  const saveLimit = (c: Category, u: Urgency, part: 'respondHours' | 'resolveDays', v: number) => {
    const limits: TimeLimits = { ...c.limits, [u]: { ...c.limits[u], [part]: v } };
    save(c, { limits });
  };

  const limitColumns = urgencies.map((u) => ({
    title: label('urgency', u),
    key: u,
    children: [
      {
        title: t('requests.categoriesPage.respond'),
        key: `${u}-respond`,
        width: 80,
        render: (_: unknown, c: CategoryNode) => (
          <LimitCell
            key={`${c.id}-${c.limits[u].respondHours}`}
            value={c.limits[u].respondHours}
            max={240}
            step={0.5}
            label={`${categoryName(c, language)} ${label('urgency', u)} ${t('requests.categoriesPage.respond')}`}
            onSave={(v) => saveLimit(c, u, 'respondHours', v)}
          />
        ),
      },
      {
        title: t('requests.categoriesPage.resolve'),
        key: `${u}-resolve`,
        width: 80,
        render: (_: unknown, c: CategoryNode) => (
          <LimitCell
            key={`${c.id}-${c.limits[u].resolveDays}`}
            value={c.limits[u].resolveDays}
            max={60}
            step={0.5}
            label={`${categoryName(c, language)} ${label('urgency', u)} ${t('requests.categoriesPage.resolve')}`}
            onSave={(v) => saveLimit(c, u, 'resolveDays', v)}
          />
        ),
      },
    ],
  }));

  return (
    <>
      <Typography.Paragraph type="secondary">{t('requests.categoriesPage.edit')}</Typography.Paragraph>
      <Table<CategoryNode>
        rowKey="id"
        size="small"
        bordered
        loading={categories.isLoading}
        dataSource={categoryTree(categories.data ?? [])}
        expandable={{ defaultExpandAllRows: true }}
        pagination={false}
        scroll={{ x: 1080 }}
        columns={[
          {
            title: t('requests.categoriesPage.name'),
            key: 'name',
            fixed: 'left',
            width: 220,
            render: (_: unknown, c) => (
              <Flex vertical>
                <Typography.Text strong={c.parentId === null} type={c.isActive ? undefined : 'secondary'}>
                  {categoryName(c, language)}
                </Typography.Text>
                {c.hint && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: c.hint }}>
                    {c.hint}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('requests.categoriesPage.handler'),
            key: 'handler',
            width: 150,
            render: (_: unknown, c) => (
              <Select<HandlerType>
                size="small"
                aria-label={`${categoryName(c, language)} ${t('requests.categoriesPage.handler')}`}
                value={c.handlerType}
                style={{ width: 130 }}
                options={handlerTypes.map((h) => ({ value: h, label: label('handlerType', h) }))}
                onChange={(handlerType) => {
                  if (handlerType === 'department' && c.departmentId === null) {
                    void message.warning(t('requests.categoriesPage.departmentRequired'));
                    return;
                  }
                  save(c, { handlerType });
                }}
              />
            ),
          },
          {
            title: t('requests.categoriesPage.department'),
            key: 'department',
            width: 150,
            render: (_: unknown, c) => (
              <Select<number | null>
                size="small"
                allowClear
                aria-label={`${categoryName(c, language)} ${t('requests.categoriesPage.department')}`}
                value={c.departmentId}
                style={{ width: 130 }}
                placeholder="—"
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                onChange={(departmentId) => save(c, { departmentId: departmentId ?? null })}
              />
            ),
          },
          ...limitColumns,
          {
            title: t('requests.categoriesPage.active'),
            key: 'active',
            width: 72,
            align: 'center',
            fixed: 'right',
            render: (_: unknown, c) => (
              <Tooltip title={c.code}>
                <Switch
                  size="small"
                  aria-label={`${categoryName(c, language)} ${t('requests.categoriesPage.active')}`}
                  checked={c.isActive}
                  onChange={(isActive) => save(c, { isActive })}
                />
              </Tooltip>
            ),
          },
        ]}
      />
    </>
  );
}

interface NewValues {
  parentId?: number;
  code: string;
  name: string;
  hint?: string;
  handlerType: HandlerType;
  departmentId?: number;
}

/** A new category; its limits start as its parent's (or the common defaults) and are then edited in the table. */
export function CreateCategoryModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { language } = useLabels();
  const label = useRequestLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewValues>();
  const formError = useFormError(form, { CATEGORY_CODE_TAKEN: 'code' });
  const categories = useCategories();
  const departments = useDepartments();
  const create = useCreateCategory();
  const handlerType = Form.useWatch('handlerType', form);
  const fallback: TimeLimits = {
    normal: { respondHours: 4, resolveDays: 5 },
    urgent: { respondHours: 2, resolveDays: 2 },
    emergency: { respondHours: 0.5, resolveDays: 0.5 },
  };

  return (
    <FormModal<NewValues>
      title={t('requests.categoriesPage.addTitle')}
      form={form}
      name="create-category"
      submitting={create.isPending}
      alert={formError.alert}
      onCancel={onClose}
      initialValues={{ handlerType: 'grid' }}
      onFinish={(v) => {
        const parent = categories.data?.find((c) => c.id === v.parentId);
        create.mutate(
          {
            parentId: v.parentId ?? null,
            code: v.code.trim(),
            name: v.name.trim(),
            hint: v.hint?.trim() || null,
            handlerType: v.handlerType,
            departmentId: v.departmentId ?? null,
            limits: parent?.limits ?? fallback,
          },
          {
            onSuccess: (c) => {
              void message.success(t('requests.categoriesPage.saved', { name: categoryName(c, language) }));
              onClose();
            },
            onError: (err) => formError.show(err),
          },
        );
      }}
    >
      <Form.Item name="parentId" label={t('common.optionalLabel', { label: t('requests.categoriesPage.parent') })}>
        <TreeSelect allowClear treeData={toTreeOptions(categoryTree(categories.data ?? []), language)} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('requests.categoriesPage.name')}
        rules={[{ required: true, whitespace: true, message: t('requests.categoriesPage.nameRequired') }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('requests.categoriesPage.code')}
        rules={[
          { required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('requests.categoriesPage.codeRequired') },
        ]}
      >
        <Input maxLength={40} placeholder="street_lamp" />
      </Form.Item>
      <Form.Item name="hint" label={t('common.optionalLabel', { label: t('requests.categoriesPage.hint') })}>
        <Input maxLength={100} placeholder={t('requests.categoriesPage.hintPlaceholder')} />
      </Form.Item>
      <Form.Item name="handlerType" label={t('requests.categoriesPage.handler')}>
        <Select options={handlerTypes.map((h) => ({ value: h, label: label('handlerType', h) }))} />
      </Form.Item>
      {handlerType === 'department' && (
        <Form.Item
          name="departmentId"
          label={t('requests.categoriesPage.department')}
          rules={[{ required: true, message: t('requests.categoriesPage.departmentRequired') }]}
        >
          <Select options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      )}
    </FormModal>
  );
}
