/** 诉求类别: the category tree, default handlers and the time-limit matrix, edited in place. */
import { useState } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CategoriesTable, CreateCategoryModal } from '../features/requests/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

export function RequestCategoriesRoute() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('requests.categoriesPage.title')}
        description={t('requests.categoriesPage.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('requests.categoriesPage.add')}
          </Button>
        }
      />
      <Card>
        <CategoriesTable />
      </Card>
      {creating && <CreateCategoryModal onClose={() => setCreating(false)} />}
    </>
  );
}
