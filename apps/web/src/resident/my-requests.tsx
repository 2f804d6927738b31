/** "我的诉求": the resident's own requests, newest first, each with its state in words. */
import type { ResidentRequestItem } from '@linli/contracts';
import { useEffect, useState } from 'react';
import { api, ResidentApiError } from './api.ts';
import { ErrorBox, formatTime, useShell } from './app.tsx';
import { PhoneVerify } from './phone-verify.tsx';

export function MyRequests() {
  const { t, lang, go, session } = useShell();
  const [items, setItems] = useState<ResidentRequestItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!session) return;
    api.get<{ items: ResidentRequestItem[] }>('/api/v1/resident/requests').then(
      (r) => setItems(r.items),
      (e: unknown) => setError(e instanceof ResidentApiError ? e.text : String(e)),
    );
  }, [session]);

  return (
    <section>
      <h1 className="r-title">{t.myRequests}</h1>
      {session === null && (
        <>
          <p className="r-lead">{t.mineNeedVerify}</p>
          <PhoneVerify />
        </>
      )}
      {session && items === null && !error && <p className="r-muted">{t.loading}</p>}
      {items?.length === 0 && (
        <>
          <p className="r-lead">{t.mineEmpty}</p>
          <button type="button" className="r-button r-primary" onClick={() => go('/r/new')}>
            {t.newRequest}
          </button>
        </>
      )}
      <ul className="r-list">
        {items?.map((r) => (
          <li key={r.id}>
            <button type="button" className="r-card" onClick={() => go(`/r/requests/${r.id}`)}>
              <span className="r-card-top">
                <span className={`r-state r-state-${r.state}`}>{t.state[r.state]}</span>
                <span className="r-muted">{formatTime(r.submittedAt, lang)}</span>
              </span>
              <span className="r-card-title">{(lang === 'en' && r.categoryNameEn) || r.categoryName}</span>
              <span className="r-card-text">{r.summary}</span>
              <span className="r-muted r-code-line">{r.code}</span>
            </button>
          </li>
        ))}
      </ul>
      <ErrorBox error={error} />
    </section>
  );
}
