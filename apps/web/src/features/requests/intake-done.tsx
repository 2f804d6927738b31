/** After a request is recorded: dispatch it now to the category's default target, open it, or take the next call. */
import { App, Button, Flex, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '@linli/contracts';
import { errorText } from '../../ui/error-alert.tsx';
import { useDefaultTarget } from './request-detail-view.tsx';
import { useActOnRequest } from './request-queries.ts';

export function IntakeDone({ request, onNext }: { request: RequestDetail; onNext: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const defaults = useDefaultTarget(request);
  const act = useActOnRequest(request.id);
  const canDispatch = request.actions.includes('dispatch');
  const open = () => void navigate(`/requests/${request.id}`);

  const dispatchNow = () => {
    if (!defaults.target) return open();
    act.mutate(
      { action: 'dispatch', version: request.version, target: defaults.target.target },
      {
        onSuccess: () => {
          void message.success(t('requests.intake.dispatched', { target: defaults.target!.name }));
          onNext();
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  return (
    <Modal
      open
      title={t('requests.intake.submitted', { code: request.code })}
      onCancel={onNext}
      mask={{ closable: false }}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onNext}>{t('requests.intake.next')}</Button>
          <Button onClick={open}>{t('requests.intake.openDetail')}</Button>
          {canDispatch && (
            <Button type="primary" loading={act.isPending} disabled={!defaults.target} onClick={dispatchNow} autoFocus>
              {t('requests.intake.dispatchNow')}
            </Button>
          )}
        </Flex>
      }
    >
      {canDispatch ? (
        <Flex vertical gap={8}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {defaults.target
              ? t('requests.intake.dispatchNowText', { code: request.code, target: defaults.target.name })
              : t('requests.intake.dispatchNowNoTarget', { code: request.code })}
          </Typography.Paragraph>
          {defaults.explanation && <Typography.Text type="secondary">{defaults.explanation}</Typography.Text>}
        </Flex>
      ) : (
        <Typography.Paragraph style={{ margin: 0 }}>{request.summary}</Typography.Paragraph>
      )}
    </Modal>
  );
}
