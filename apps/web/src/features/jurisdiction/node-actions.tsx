/** The management actions on a node — 新建下级, 重命名, 移动, 撤销 — each in its own modal. */
import { useState } from 'react';
import { App, Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  allowedChildLevels,
  nodeCodeLength,
  type JurisdictionNode,
  type NodeDetail,
  type NodeLevel,
} from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { NodeSearchSelect } from './node-search-select.tsx';
import { useCreateNode, useMoveNode, useRenameNode, useRetireNode } from './node-queries.ts';
import { isSelfOrDescendant } from './scope.ts';

type ActionKind = 'create' | 'rename' | 'move' | 'retire';

const nodeCodePattern = /^\d{6,15}$/;
// A district is the only root (docs/modules/jurisdiction.md); the server has the last word.
const rootLevels: readonly NodeLevel[] = ['district'];
// Code lengths by level (GB/T 2260 and the statistical division codes); buildings and below have none.
// Mirrors the server's rule; a contracts export would keep the two in step.

const nodeFieldByCode = {
  NODE_NAME_TAKEN: 'name',
  NODE_CODE_TAKEN: 'code',
  NODE_CODE_INVALID: 'code',
  NODE_LEVEL_INVALID: 'level',
} as const;

interface CreateValues {
  level: NodeLevel;
  name: string;
  code?: string;
}

/** Creates a node under `parent`, or a top-level node when parent is null. */
export function CreateNodeModal({
  parent,
  onClose,
  onCreated,
}: {
  parent: Pick<JurisdictionNode, 'id' | 'name' | 'level' | 'code'> | null;
  onClose: () => void;
  onCreated?: (node: JurisdictionNode) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateNode();
  const error = useFormError(form, nodeFieldByCode);
  const levels = parent ? allowedChildLevels[parent.level] : rootLevels;
  const level = Form.useWatch('level', form) ?? levels[0];

  const submit = ({ level, name, code }: CreateValues) => {
    error.clear();
    create.mutate(
      { parentId: parent?.id ?? null, level, name: name.trim(), code: code?.trim() || undefined },
      {
        onSuccess: (node) => {
          void message.success(t('jurisdiction.created', { name: node.name }));
          onCreated?.(node);
          onClose();
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<CreateValues>
      title={parent ? t('jurisdiction.createTitle') : t('jurisdiction.createRootTitle')}
      form={form}
      name="create-node"
      onFinish={submit}
      onCancel={onClose}
      submitting={create.isPending}
      alert={error.alert}
      initialValues={{ level: levels[0] }}
    >
      {parent && (
        <Form.Item label={t('jurisdiction.parent')}>
          <Typography.Text strong>{labels.nameWithLevel(parent.name, parent.level)}</Typography.Text>
        </Form.Item>
      )}
      <Form.Item label={t('jurisdiction.childLevel')} name="level" rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={levels.map((l) => ({ value: l, label: labels.level(l) }))}
        />
      </Form.Item>
      <NameAndCodeFields level={level} parentCode={parent?.code ?? null} />
    </FormModal>
  );
}

function NameAndCodeFields({ level, parentCode }: { level: NodeLevel | undefined; parentCode: string | null }) {
  const { t } = useTranslation();
  const length = level ? nodeCodeLength[level] : undefined;
  return (
    <>
      <Form.Item
        label={t('jurisdiction.name')}
        name="name"
        rules={[
          { required: true, whitespace: true, message: t('jurisdiction.nameRequired') },
          { max: 60, message: t('jurisdiction.nameTooLong') },
        ]}
      >
        <Input maxLength={60} showCount autoFocus />
      </Form.Item>
      {length !== undefined && (
        <Form.Item
          label={t('common.optionalLabel', { label: t('jurisdiction.code') })}
          name="code"
          extra={
            parentCode
              ? t('jurisdiction.codeHintPrefixed', { length, prefix: parentCode })
              : t('jurisdiction.codeHint', { length })
          }
          rules={[
            { pattern: nodeCodePattern, message: t('jurisdiction.codeInvalid') },
            { len: length, message: t('jurisdiction.codeLength', { length }) },
          ]}
        >
          <Input inputMode="numeric" maxLength={length} placeholder={parentCode ?? undefined} />
        </Form.Item>
      )}
    </>
  );
}

interface RenameValues {
  name: string;
  code?: string;
}

function RenameNodeModal({ node, onClose }: { node: NodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RenameValues>();
  const rename = useRenameNode();
  const error = useFormError(form, nodeFieldByCode);

  const submit = (values: RenameValues) => {
    error.clear();
    const name = values.name.trim();
    const code = values.code?.trim() || undefined;
    const body = {
      name: name !== node.name ? name : undefined,
      code: code !== undefined && code !== node.code ? code : undefined,
    };
    if (body.name === undefined && body.code === undefined) {
      void message.info(t('jurisdiction.nothingChanged'));
      return;
    }
    rename.mutate(
      { id: node.id, body },
      {
        onSuccess: () => {
          void message.success(t('jurisdiction.renamed'));
          onClose();
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<RenameValues>
      title={t('jurisdiction.renameTitle')}
      form={form}
      name="rename-node"
      onFinish={submit}
      onCancel={onClose}
      submitting={rename.isPending}
      alert={error.alert}
      initialValues={{ name: node.name, code: node.code ?? undefined }}
    >
      <NameAndCodeFields level={node.level} parentCode={null} />
    </FormModal>
  );
}

interface MoveValues {
  newParentId: number;
  reason?: string;
}

function MoveNodeModal({ node, onClose }: { node: NodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [form] = Form.useForm<MoveValues>();
  const move = useMoveNode();
  const error = useFormError(form, {
    NODE_MOVE_INTO_SELF: 'newParentId',
    NODE_LEVEL_INVALID: 'newParentId',
    // The chosen parent already has an active child of this name: choose another, or rename first.
    NODE_NAME_TAKEN: 'newParentId',
  });

  const canHold = (candidate: JurisdictionNode) =>
    !candidate.isRetired &&
    candidate.id !== node.parentId &&
    !isSelfOrDescendant(candidate, node) &&
    allowedChildLevels[candidate.level].includes(node.level);

  const submit = ({ newParentId, reason }: MoveValues) => {
    error.clear();
    move.mutate(
      { id: node.id, body: { newParentId, reason: reason?.trim() || undefined } },
      {
        onSuccess: (moved) => {
          void message.success(t('jurisdiction.moved', { name: moved.name }));
          onClose();
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<MoveValues>
      title={t('jurisdiction.moveTitle')}
      form={form}
      name="move-node"
      onFinish={submit}
      onCancel={onClose}
      submitting={move.isPending}
      alert={error.alert}
    >
      <Alert type="info" showIcon title={t('jurisdiction.moveNotice')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('jurisdiction.name')}>
        <Typography.Text strong>{labels.nameWithLevel(node.name, node.level)}</Typography.Text>
      </Form.Item>
      <Form.Item
        label={t('jurisdiction.newParent')}
        name="newParentId"
        extra={t('jurisdiction.newParentHint', { level: labels.level(node.level) })}
        rules={[{ required: true, message: t('jurisdiction.newParentRequired') }]}
      >
        <NodeSearchSelect filter={canHold} />
      </Form.Item>
      <Form.Item label={t('common.optionalLabel', { label: t('jurisdiction.reason') })} name="reason">
        <Input.TextArea maxLength={200} showCount rows={3} placeholder={t('jurisdiction.moveReasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

interface RetireValues {
  reason: string;
}

function RetireNodeModal({ node, onClose }: { node: NodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RetireValues>();
  const retire = useRetireNode();
  const error = useFormError(form);

  const submit = ({ reason }: RetireValues) => {
    error.clear();
    retire.mutate(
      { id: node.id, body: { reason: reason.trim() } },
      {
        onSuccess: (retired) => {
          void message.success(t('jurisdiction.retiredDone', { name: retired.name }));
          onClose();
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<RetireValues>
      title={`${t('jurisdiction.retireTitle')}：${node.name}`}
      form={form}
      name="retire-node"
      onFinish={submit}
      onCancel={onClose}
      submitting={retire.isPending}
      alert={error.alert}
      okDanger
    >
      <Alert type="warning" showIcon title={t('jurisdiction.retireNotice')} style={{ marginBottom: 16 }} />
      <Form.Item
        label={t('jurisdiction.retireReason')}
        name="reason"
        rules={[{ required: true, whitespace: true, message: t('jurisdiction.retireReasonRequired') }]}
      >
        <Input.TextArea maxLength={200} showCount rows={3} placeholder={t('jurisdiction.retireReasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

/** The action buttons for one node and the modal of the action in progress. */
export function NodeActions({ node, onCreated }: { node: NodeDetail; onCreated?: (node: JurisdictionNode) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [active, setActive] = useState<ActionKind | null>(null);
  const close = () => setActive(null);
  const childLevels = allowedChildLevels[node.level];
  const isRoot = node.parentId === null;

  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        disabled={node.isRetired || childLevels.length === 0}
        title={
          childLevels.length === 0 ? t('jurisdiction.noChildLevel', { level: labels.level(node.level) }) : undefined
        }
        onClick={() => setActive('create')}
      >
        {t('jurisdiction.createChild')}
      </Button>
      <Button icon={<EditOutlined />} disabled={node.isRetired} onClick={() => setActive('rename')}>
        {t('jurisdiction.rename')}
      </Button>
      <Button icon={<DragOutlined />} disabled={node.isRetired || isRoot} onClick={() => setActive('move')}>
        {t('jurisdiction.move')}
      </Button>
      <Button danger icon={<DeleteOutlined />} disabled={node.isRetired} onClick={() => setActive('retire')}>
        {t('jurisdiction.retire')}
      </Button>
      {active === 'create' && <CreateNodeModal parent={node} onClose={close} onCreated={onCreated} />}
      {active === 'rename' && <RenameNodeModal node={node} onClose={close} />}
      {active === 'move' && <MoveNodeModal node={node} onClose={close} />}
      {active === 'retire' && <RetireNodeModal node={node} onClose={close} />}
    </>
  );
}
