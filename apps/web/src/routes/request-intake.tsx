/** 登记诉求: a call, a walk-in or a patrol finding, then (for dispatchers) dispatch it at once. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '@linli/contracts';
import { IntakeDone, IntakeForm } from '../features/requests/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

export function RequestIntakeRoute() {
  const { t } = useTranslation();
  const [recorded, setRecorded] = useState<RequestDetail | null>(null);
  const [resetKey, setResetKey] = useState(0);
  return (
    <>
      <PageHeader title={t('requests.intake.title')} description={t('requests.intake.description')} />
      <IntakeForm key={resetKey} onSubmitted={setRecorded} />
      {recorded && (
        <IntakeDone
          request={recorded}
          onNext={() => {
            setRecorded(null);
            setResetKey((k) => k + 1);
            // The next call starts at the top, at the number field.
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </>
  );
}
