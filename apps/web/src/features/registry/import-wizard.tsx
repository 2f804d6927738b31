/**
 * 导入 residents, houses or units: choose what, node and file → map columns → dry run → commit with
 * progress, then undo if need be.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Popconfirm,
  Progress,
  Radio,
  Result,
  Row,
  Select,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_MAX_BYTES,
  importFieldsOf,
  importKinds,
  requiredImportFieldsOf,
  routes,
  type ImportField,
  type ImportKind,
  type ImportMapping,
  type ImportRowError,
} from '@linli/contracts';
import type { z } from 'zod';
import { apiDownload } from '../../lib/api-files.ts';
import { useLabels } from '../../lib/labels.ts';
import { ErrorAlert, errorText } from '../../ui/error-alert.tsx';
import { NodeSearchSelect, useJurisdictionScope } from '../jurisdiction/index.ts';
import { cleanMapping, initialMapping, mappingProblems, progressPercent } from './import-mapping.ts';
import { useImportStatus, useRunImport, useUndoImport, useUploadImport } from './registry-io-queries.ts';

type Upload = z.output<typeof routes.uploadResidentImport.response>;
type RunResult = z.output<typeof routes.runResidentImport.response>;
type UndoResult = z.output<typeof routes.undoResidentImport.response>;

type KindText = 'nodeHelp' | 'missing' | 'doneSummary' | 'undoConfirm' | 'undone' | 'toList' | 'template';

/** Texts that differ by what is imported (residents keep their original keys). */
export function useImportTexts(kind: ImportKind) {
  const { t } = useTranslation();
  const text = (key: KindText, values?: Record<string, unknown>): string =>
    kind === 'residents' ? t(`registryIo.${key}`, values ?? {}) : t(`registryIo.kinds.${kind}.${key}`, values ?? {});
  const fieldLabel = (field: string): string => {
    if (kind === 'residents') return t(`registry.fields.${field as ImportField}`);
    const key =
      field === 'address'
        ? kind === 'houses'
          ? 'houseAddress'
          : 'unitAddress'
        : field === 'name'
          ? 'unitName'
          : field;
    return t(`registryIo.fieldNames.${key as 'notes'}`);
  };
  const title = kind === 'residents' ? t('registryIo.importTitle') : t(`registryIo.kinds.${kind}.title`);
  const description =
    kind === 'residents' ? t('registryIo.importDescription') : t(`registryIo.kinds.${kind}.description`);
  return { text, fieldLabel, title, description };
}

const listPath: Record<ImportKind, string> = { residents: '/residents', houses: '/housing', units: '/units' };
const templateName: Record<ImportKind, string> = {
  residents: '居民导入模板.xlsx',
  houses: '房屋导入模板.xlsx',
  units: '辖区单位导入模板.xlsx',
};

function isImportFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name);
}

/** 下载导入模板 as a link-styled button. */
export function ImportTemplateLink({ kind = 'residents' }: { kind?: ImportKind }) {
  const { text } = useImportTexts(kind);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="link"
      icon={<DownloadOutlined />}
      loading={busy}
      style={{ paddingInline: 0 }}
      onClick={() => {
        setBusy(true);
        apiDownload(routes.importTemplate, { query: { kind } }, templateName[kind])
          .catch((error: unknown) => void message.error(errorText(error)))
          .finally(() => setBusy(false));
      }}
    >
      {text('template')}
    </Button>
  );
}

function FileStep({
  kind,
  onKindChange,
  onUploaded,
}: {
  kind: ImportKind;
  onKindChange: (kind: ImportKind) => void;
  onUploaded: (upload: Upload, file: File) => void;
}) {
  const { t } = useTranslation();
  const { text } = useImportTexts(kind);
  const labels = useLabels();
  const { scopeNodeId, scope } = useJurisdictionScope();
  const [nodeId, setNodeId] = useState<number | null>(scopeNodeId);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const upload = useUploadImport();

  const submit = () => {
    setTried(true);
    if (nodeId === null || file === null) return;
    upload.mutate({ file, nodeId, kind }, { onSuccess: (answer) => onUploaded(answer, file) });
  };

  return (
    <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={submit}>
      <Form.Item label={t('registryIo.kindLabel')} required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={kind}
          onChange={(e) => onKindChange(e.target.value as ImportKind)}
          options={importKinds.map((k) => ({ value: k, label: t(`registryIo.kindNames.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('registryIo.node')}
        htmlFor="import-node"
        required
        extra={text('nodeHelp')}
        validateStatus={tried && nodeId === null ? 'error' : undefined}
        help={tried && nodeId === null ? t('registryIo.nodeRequired') : undefined}
      >
        <Flex vertical gap={6}>
          <NodeSearchSelect
            id="import-node"
            value={nodeId}
            onChange={(id) => setNodeId(id)}
            allowClear
            status={tried && nodeId === null ? 'error' : undefined}
            style={{ width: '100%' }}
          />
          {scope?.nodeId != null && scope.nodeName && nodeId !== scope.nodeId && (
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setNodeId(scope.nodeId)}>
              {t('registryIo.useScope', { name: labels.nameWithLevel(scope.nodeName, scope.nodeLevel) })}
            </Button>
          )}
        </Flex>
      </Form.Item>
      <Form.Item
        label={t('registryIo.file')}
        required
        validateStatus={(tried && file === null) || fileError ? 'error' : undefined}
        help={fileError ?? (tried && file === null ? t('registryIo.fileRequired') : undefined)}
      >
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
          beforeUpload={(chosen) => {
            if (!isImportFile(chosen.name)) setFileError(t('registryIo.fileWrongType'));
            else if (chosen.size > IMPORT_MAX_BYTES) setFileError(t('registryIo.fileTooLarge'));
            else {
              setFileError(null);
              setFile(chosen);
            }
            return false;
          }}
          onRemove={() => {
            setFile(null);
            return true;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('registryIo.chooseFile')}</p>
          <p className="ant-upload-hint">{t('registryIo.fileHelp')}</p>
        </Upload.Dragger>
      </Form.Item>
      <div style={{ marginTop: -8, marginBottom: 16 }}>
        <ImportTemplateLink kind={kind} />
      </div>
      {upload.isError && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={upload.error} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={upload.isPending}>
        {t('registryIo.upload')}
      </Button>
    </Form>
  );
}

function MappingStep({
  upload,
  mapping,
  onChange,
  onBack,
  onChecked,
}: {
  upload: Upload;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  onBack: () => void;
  onChecked: (result: RunResult) => void;
}) {
  const { t } = useTranslation();
  const { text, fieldLabel } = useImportTexts(upload.kind);
  const requiredFields = new Set(requiredImportFieldsOf[upload.kind]);
  const run = useRunImport();
  const problems = mappingProblems(mapping, upload.kind);
  const headerOptions = upload.headers.filter((h) => h.trim() !== '').map((h) => ({ value: h, label: h }));
  const check = () =>
    run.mutate(
      { id: upload.id, mapping: cleanMapping(mapping, upload.kind), dryRun: true, mode: 'good_rows' },
      { onSuccess: onChecked },
    );

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('registryIo.headerFound', { row: upload.headerRow, count: upload.headers.length })}{' '}
        {t('registryIo.mappingHelp', {
          source: upload.rememberedMapping
            ? t('registryIo.mappingFromRemembered')
            : t('registryIo.mappingFromSuggestion'),
        })}
      </Typography.Paragraph>
      <Table<{ field: string }>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={importFieldsOf[upload.kind].map((field) => ({ field }))}
        style={{ maxWidth: 720 }}
        columns={[
          {
            title: t('registryIo.field'),
            dataIndex: 'field',
            width: 220,
            render: (field: string) => (
              <Flex gap={6} align="center">
                <span>{fieldLabel(field)}</span>
                {requiredFields.has(field) && <Tag color="blue">{t('registryIo.required')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('registryIo.column'),
            dataIndex: 'field',
            key: 'column',
            render: (field: string) => (
              <Select<string>
                aria-label={fieldLabel(field)}
                allowClear
                showSearch
                placeholder={t('registryIo.notMapped')}
                value={mapping[field]}
                options={headerOptions}
                onChange={(column) => {
                  const next = { ...mapping };
                  if (column) next[field] = column;
                  else delete next[field];
                  onChange(next);
                }}
                status={
                  (requiredFields.has(field) && !mapping[field]) ||
                  problems.some((p) => p.kind === 'duplicate' && p.fields.includes(field))
                    ? 'error'
                    : undefined
                }
                style={{ width: '100%' }}
              />
            ),
          },
        ]}
      />
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={problems
            .map((p) =>
              p.kind === 'missing'
                ? text('missing', { fields: p.fields.map(fieldLabel).join('、') })
                : t('registryIo.duplicateColumn', { column: p.column }),
            )
            .join(' ')}
        />
      )}
      {run.isError && <ErrorAlert error={run.error} />}
      <Flex gap="small">
        <Button onClick={onBack}>{t('registryIo.prev')}</Button>
        <Button type="primary" disabled={problems.length > 0} loading={run.isPending} onClick={check}>
          {run.isPending ? t('registryIo.checking') : t('registryIo.checkRun')}
        </Button>
      </Flex>
    </Flex>
  );
}

function Counts({ result, committed }: { result: RunResult; committed: boolean }) {
  const { t } = useTranslation();
  const items = committed
    ? [
        { key: 'created', value: result.created },
        { key: 'updated', value: result.updated },
        { key: 'unchanged', value: result.unchanged },
        { key: 'bad', value: result.badRows, bad: true },
      ]
    : [
        { key: 'total', value: result.totalRows },
        { key: 'good', value: result.goodRows },
        { key: 'bad', value: result.badRows, bad: true },
        { key: 'created', value: result.created },
        { key: 'updated', value: result.updated },
        { key: 'unchanged', value: result.unchanged },
      ];
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col key={item.key} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t(`registryIo.counts.${item.key as 'total'}`)}
              value={item.value}
              styles={{ content: item.bad && item.value > 0 ? { color: '#cf1322' } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function CheckStep({
  upload,
  mapping,
  result,
  onBack,
  onRestart,
  onCommitted,
}: {
  upload: Upload;
  mapping: ImportMapping;
  result: RunResult;
  onBack: () => void;
  onRestart: () => void;
  onCommitted: (result: RunResult) => void;
}) {
  const { t } = useTranslation();
  const run = useRunImport();
  const status = useImportStatus(upload.id, run.isPending);
  const commit = (mode: 'all_or_nothing' | 'good_rows') =>
    run.mutate(
      { id: upload.id, mapping: cleanMapping(mapping, upload.kind), dryRun: false, mode },
      { onSuccess: onCommitted },
    );

  if (run.isPending) {
    const done = status.data?.rowsProcessed ?? 0;
    const total = status.data?.rowsTotal ?? result.totalRows;
    const percent = progressPercent(done, total);
    return (
      <Flex vertical gap={12} style={{ maxWidth: 640, padding: '24px 0' }}>
        <Typography.Text strong>{t('registryIo.committing')}</Typography.Text>
        <Progress percent={percent ?? 0} status="active" />
        <Typography.Text type="secondary">
          {total ? t('registryIo.progressOf', { done, total }) : t('registryIo.progress', { done })}
        </Typography.Text>
      </Flex>
    );
  }

  const allGood = result.badRows === 0;
  return (
    <Flex vertical gap={16}>
      <Counts result={result} committed={false} />
      <Alert
        type={allGood ? 'success' : result.goodRows === 0 ? 'error' : 'warning'}
        showIcon
        title={
          allGood
            ? t('registryIo.allGood', { total: result.totalRows })
            : result.goodRows === 0
              ? t('registryIo.noneGood')
              : t('registryIo.someBad', { bad: result.badRows, good: result.goodRows })
        }
        description={result.errorsTruncated ? t('registryIo.truncated') : undefined}
      />
      {result.errors.length > 0 && (
        <Table<ImportRowError & { key: number }>
          size="small"
          rowKey="key"
          dataSource={result.errors.map((e, key) => ({ ...e, key }))}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t('registryIo.errors.row'), dataIndex: 'row', width: 80 },
            { title: t('registryIo.errors.column'), dataIndex: 'column', width: 160 },
            {
              title: t('registryIo.errors.value'),
              dataIndex: 'value',
              width: 220,
              render: (v: string) => (v === '' ? '—' : v),
            },
            { title: t('registryIo.errors.reason'), dataIndex: 'reason' },
          ]}
        />
      )}
      {run.isError && <ErrorAlert error={run.error} />}
      <Flex gap="small" wrap>
        <Button onClick={onBack}>{t('registryIo.prev')}</Button>
        {!allGood && <Button onClick={onRestart}>{t('registryIo.reupload')}</Button>}
        {allGood ? (
          <Button type="primary" disabled={result.totalRows === 0} onClick={() => commit('all_or_nothing')}>
            {t('registryIo.commitAll')}
          </Button>
        ) : (
          <Button type="primary" disabled={result.goodRows === 0} onClick={() => commit('good_rows')}>
            {t('registryIo.commitGood')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

function DoneStep({ result, onRestart }: { result: RunResult; onRestart: () => void }) {
  const { t } = useTranslation();
  const { text } = useImportTexts(result.kind);
  const undo = useUndoImport();
  const [undone, setUndone] = useState<UndoResult | null>(null);
  return (
    <Result
      status={undone ? 'info' : 'success'}
      title={undone ? text('undone', { removed: undone.removed, kept: undone.updatedKept }) : t('registryIo.done')}
      subTitle={
        <>
          {text('doneSummary', {
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
          })}
          {result.badRows > 0 && ` ${t('registryIo.skipped', { bad: result.badRows })}`}
        </>
      }
      extra={
        <Flex vertical gap={16} align="center">
          {undo.isError && <ErrorAlert error={undo.error} />}
          <Flex gap="small" wrap justify="center">
            <Link to={listPath[result.kind]}>
              <Button type="primary">{text('toList')}</Button>
            </Link>
            <Button onClick={onRestart}>{t('registryIo.again')}</Button>
            {!undone && (
              <Popconfirm
                title={t('registryIo.undo')}
                description={<div style={{ maxWidth: 320 }}>{text('undoConfirm')}</div>}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, loading: undo.isPending }}
                onConfirm={() => undo.mutate(result.id, { onSuccess: setUndone })}
              >
                <Button danger icon={<RollbackOutlined />}>
                  {t('registryIo.undo')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        </Flex>
      }
    />
  );
}

export function ImportWizard({ kind, onKindChange }: { kind: ImportKind; onKindChange: (kind: ImportKind) => void }) {
  const { t } = useTranslation();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [checked, setChecked] = useState<RunResult | null>(null);
  const [committed, setCommitted] = useState<RunResult | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const step = committed ? 3 : checked ? 2 : upload ? 1 : 0;
  const restart = () => {
    setUpload(null);
    setChecked(null);
    setCommitted(null);
    setFileKey((k) => k + 1);
  };

  return (
    <Card>
      <Steps
        current={step}
        status={step === 3 ? 'finish' : 'process'}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('registryIo.steps.file') },
          { title: t('registryIo.steps.mapping') },
          { title: t('registryIo.steps.check') },
          { title: t('registryIo.steps.commit') },
        ]}
      />
      {step === 0 && (
        <FileStep
          key={fileKey}
          kind={kind}
          onKindChange={onKindChange}
          onUploaded={(answer) => {
            setUpload(answer);
            setMapping(initialMapping(answer.headers, answer.suggestedMapping, answer.rememberedMapping, answer.kind));
          }}
        />
      )}
      {step === 1 && upload && (
        <MappingStep upload={upload} mapping={mapping} onChange={setMapping} onBack={restart} onChecked={setChecked} />
      )}
      {step === 2 && upload && checked && (
        <CheckStep
          upload={upload}
          mapping={mapping}
          result={checked}
          onBack={() => setChecked(null)}
          onRestart={restart}
          onCommitted={setCommitted}
        />
      )}
      {step === 3 && committed && <DoneStep result={committed} onRestart={restart} />}
    </Card>
  );
}
