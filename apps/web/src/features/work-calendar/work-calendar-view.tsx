/**
 * 办公时间与节假日: the office hours time limits count in, a calendar marking official holidays (休)
 * and make-up working days (班), and the form to add a year when the State Council publishes it.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Calendar,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import type { WorkCalendar } from '@linli/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../ui/error-alert.tsx';
import { formatDayList, parseDayList } from './day-list.ts';
import { useSaveWorkCalendar } from './work-calendar-queries.ts';

type Year = WorkCalendar['override'][string];

export interface WorkCalendarViewProps {
  calendar: WorkCalendar;
  canEdit: boolean;
}

const hm = (s: string) => dayjs(s, 'HH:mm');

export function WorkCalendarView({ calendar, canEdit }: WorkCalendarViewProps) {
  const { t } = useTranslation();
  const save = useSaveWorkCalendar();
  const [editingYear, setEditingYear] = useState<{ year: string; value?: Year } | undefined>();
  const [hoursForm] = Form.useForm<{ open: [Dayjs, Dayjs]; lunch?: [Dayjs, Dayjs] | null }>();
  const days = useMemo(() => new Map(calendar.days.map((d) => [d.date, d.kind])), [calendar.days]);
  const nextYear = dayjs().year() + 1;
  const missingNext = !calendar.coveredYears.includes(nextYear);
  const lunch = calendar.officeHours.breaks?.[0];

  async function persist(officeHours: WorkCalendar['officeHours'], override: WorkCalendar['override']) {
    await save.mutateAsync({ version: calendar.version, officeHours, override });
  }

  async function saveHours() {
    const v = await hoursForm.validateFields();
    const officeHours = {
      start: v.open[0].format('HH:mm'),
      end: v.open[1].format('HH:mm'),
      ...(v.lunch ? { breaks: [{ start: v.lunch[0].format('HH:mm'), end: v.lunch[1].format('HH:mm') }] } : {}),
    };
    await persist(officeHours, calendar.override).catch(() => undefined);
  }

  const years = [...new Set([...calendar.coveredYears.map(String), ...Object.keys(calendar.override)])].sort();

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {missingNext && (
        <Alert
          type="warning"
          showIcon
          message={t('workCalendar.missingYear', { year: nextYear })}
          action={
            canEdit ? (
              <Button size="small" onClick={() => setEditingYear({ year: String(nextYear) })}>
                {t('workCalendar.addYear', { year: nextYear })}
              </Button>
            ) : undefined
          }
        />
      )}
      {save.isError && <ErrorAlert error={save.error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('workCalendar.hoursTitle')}>
            <Typography.Paragraph type="secondary">{t('workCalendar.hoursHint')}</Typography.Paragraph>
            <Form
              form={hoursForm}
              layout="vertical"
              disabled={!canEdit}
              initialValues={{
                open: [hm(calendar.officeHours.start), hm(calendar.officeHours.end)],
                lunch: lunch ? [hm(lunch.start), hm(lunch.end)] : null,
              }}
            >
              <Form.Item name="open" label={t('workCalendar.open')} rules={[{ required: true }]}>
                <TimePicker.RangePicker format="HH:mm" minuteStep={5} order />
              </Form.Item>
              <Form.Item name="lunch" label={t('workCalendar.lunch')} extra={t('workCalendar.lunchHint')}>
                <TimePicker.RangePicker format="HH:mm" minuteStep={5} order allowClear />
              </Form.Item>
              {canEdit && (
                <Button type="primary" loading={save.isPending} onClick={() => void saveHours()}>
                  {t('workCalendar.saveHours')}
                </Button>
              )}
            </Form>
          </Card>
          <Card title={t('workCalendar.yearsTitle')} style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              dataSource={years.map((year) => ({
                year,
                source: calendar.override[year]
                  ? t('workCalendar.sourceOverride')
                  : calendar.bundledYears.includes(Number(year))
                    ? t('workCalendar.sourceBundled')
                    : '',
                holidays: calendar.days.filter((d) => d.date.startsWith(year) && d.kind === 'holiday').length,
                workdays: calendar.days.filter((d) => d.date.startsWith(year) && d.kind === 'workday').length,
              }))}
              columns={[
                { title: t('workCalendar.year'), dataIndex: 'year' },
                { title: t('workCalendar.holidays'), dataIndex: 'holidays' },
                { title: t('workCalendar.workdays'), dataIndex: 'workdays' },
                { title: t('workCalendar.source'), dataIndex: 'source', render: (s: string) => <Tag>{s}</Tag> },
                ...(canEdit
                  ? [
                      {
                        title: '',
                        key: 'edit',
                        render: (_: unknown, row: { year: string }) => (
                          <Button
                            size="small"
                            type="link"
                            onClick={() => setEditingYear({ year: row.year, value: calendar.override[row.year] })}
                          >
                            {t('workCalendar.correct')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('workCalendar.calendarTitle')}>
            <Space style={{ marginBottom: 8 }}>
              <Badge color="#cf1322" text={t('workCalendar.legendHoliday')} />
              <Badge color="#1677ff" text={t('workCalendar.legendWorkday')} />
            </Space>
            <Calendar
              fullscreen={false}
              fullCellRender={(date: Dayjs, info) => {
                if (info.type !== 'date') return info.originNode;
                const kind = days.get(date.format('YYYY-MM-DD'));
                const weekend = date.day() === 0 || date.day() === 6;
                const off = kind === 'holiday' || (weekend && kind !== 'workday');
                return (
                  <div
                    className="ant-picker-cell-inner"
                    title={
                      kind
                        ? t(kind === 'holiday' ? 'workCalendar.legendHoliday' : 'workCalendar.legendWorkday')
                        : undefined
                    }
                    style={{
                      position: 'relative',
                      color: off ? '#cf1322' : undefined,
                      fontWeight: kind ? 600 : undefined,
                    }}
                  >
                    {date.date()}
                    {kind && (
                      <span
                        style={{
                          position: 'absolute',
                          top: -6,
                          right: -8,
                          fontSize: 10,
                          lineHeight: 1,
                          color: kind === 'holiday' ? '#cf1322' : '#1677ff',
                        }}
                      >
                        {kind === 'holiday' ? t('workCalendar.off') : t('workCalendar.on')}
                      </span>
                    )}
                  </div>
                );
              }}
            />
          </Card>
        </Col>
      </Row>
      {editingYear && (
        <YearModal
          year={editingYear.year}
          value={editingYear.value ?? yearFromDays(calendar, editingYear.year)}
          saving={save.isPending}
          onCancel={() => setEditingYear(undefined)}
          onSave={async (year, value) => {
            await persist(calendar.officeHours, { ...calendar.override, [year]: value });
            setEditingYear(undefined);
          }}
        />
      )}
    </Space>
  );
}

function yearFromDays(calendar: WorkCalendar, year: string): Year | undefined {
  const inYear = calendar.days.filter((d) => d.date.startsWith(year));
  if (inYear.length === 0) return undefined;
  return {
    holidays: inYear.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: inYear.filter((d) => d.kind === 'workday').map((d) => d.date),
    source: '',
  };
}

function YearModal(props: {
  year: string;
  value: Year | undefined;
  saving: boolean;
  onCancel: () => void;
  onSave: (year: string, value: Year) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ year: number; holidays: string; workdays: string; source: string }>();
  const [error, setError] = useState<string>();
  async function submit() {
    const v = await form.validateFields();
    const holidays = parseDayList(v.holidays ?? '');
    const workdays = parseDayList(v.workdays ?? '');
    if (!holidays.ok)
      return form.setFields([{ name: 'holidays', errors: [t('workCalendar.badDate', { part: holidays.bad })] }]);
    if (!workdays.ok)
      return form.setFields([{ name: 'workdays', errors: [t('workCalendar.badDate', { part: workdays.bad })] }]);
    setError(undefined);
    await props
      .onSave(String(v.year), { holidays: holidays.days, workdays: workdays.days, source: v.source })
      .catch((e: unknown) => setError(errorText(e)));
  }
  return (
    <Modal
      open
      title={t('workCalendar.yearTitle', { year: props.year })}
      okText={t('workCalendar.saveYear')}
      confirmLoading={props.saving}
      onOk={() => void submit()}
      onCancel={props.onCancel}
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('workCalendar.yearHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year: Number(props.year),
          holidays: formatDayList(props.value?.holidays ?? []),
          workdays: formatDayList(props.value?.workdays ?? []),
          source: props.value?.source ?? '',
        }}
      >
        <Form.Item name="year" label={t('workCalendar.year')} rules={[{ required: true }]}>
          <InputNumber min={2020} max={2100} />
        </Form.Item>
        <Form.Item name="holidays" label={t('workCalendar.holidays')} extra={t('workCalendar.holidaysHint')}>
          <Input.TextArea rows={4} placeholder="2027-01-01~2027-01-03，2027-02-06~2027-02-13" />
        </Form.Item>
        <Form.Item name="workdays" label={t('workCalendar.workdays')} extra={t('workCalendar.workdaysHint')}>
          <Input.TextArea rows={2} placeholder="2027-02-14，2027-02-20" />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('workCalendar.source')}
          rules={[{ required: true, message: t('workCalendar.sourceRequired') }]}
        >
          <Input placeholder={t('workCalendar.sourcePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
