/** 诉求办理: the workbench of lists (my work, dispatch, due & overdue, all, claimable). */
import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { PhoneOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useHasPermission } from '../features/auth/index.ts';
import { RequestWorkbench } from '../features/requests/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

export function RequestsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canIntake = useHasPermission('request.intake');
  const canConfigure = useHasPermission('request.configure');
  return (
    <>
      <PageHeader
        title={t('requests.title')}
        description={t('requests.description')}
        extra={
          <>
            {canConfigure && (
              <Button icon={<SettingOutlined />} onClick={() => void navigate('/request-categories')}>
                {t('requests.categories')}
              </Button>
            )}
            {canIntake && (
              <Button type="primary" icon={<PhoneOutlined />} onClick={() => void navigate('/request-intake')}>
                {t('requests.newRequest')}
              </Button>
            )}
          </>
        }
      />
      <RequestWorkbench />
    </>
  );
}
