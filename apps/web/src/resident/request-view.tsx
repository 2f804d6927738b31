/** One request as the resident follows it: big progress steps, the timeline, and what they can do now. */
import type { Rating, ResidentRequestView } from '@linli/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api, ResidentApiError } from './api.ts';
import { ErrorBox, formatTime, useShell } from './app.tsx';
import { PhoneVerify } from './phone-verify.tsx';
import { PhotoPicker, type PickedPhoto } from './photo-picker.tsx';
import { bigStepOf } from './texts.ts';

const photoUrl = (id: number) => `/api/v1/resident/photos/${id}`;

function Photos({ ids }: { ids: number[] }) {
  const { t } = useShell();
  if (ids.length === 0) return null;
  return (
    <ul className="r-photos">
      {ids.map((id, i) => (
        <li key={id}>
          <a href={photoUrl(id)} target="_blank" rel="noreferrer">
            <img src={photoUrl(id)} alt={t.photoAlt(i + 1)} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}

export function RequestView({ id, rating }: { id: number; rating: boolean }) {
  const { t, lang, go, session } = useShell();
  const [view, setView] = useState<ResidentRequestView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<'none' | 'add_info' | 'withdraw' | 'reopen'>('none');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [chosen, setChosen] = useState<Rating | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api
      .get<ResidentRequestView>(`/api/v1/resident/requests/${id}`)
      .then(setView, (e: unknown) => setError(e instanceof ResidentApiError ? e.text : String(e)));
  }, [id]);

  useEffect(() => {
    if (session) load();
  }, [session, load]);

  if (session === null)
    return (
      <section>
        <p className="r-lead">{t.mineNeedVerify}</p>
        <PhoneVerify />
      </section>
    );
  if (!view)
    return (
      <section>
        {error ? <ErrorBox error={error} /> : <p className="r-muted">{t.loading}</p>}
        <button type="button" className="r-button" onClick={() => go('/r/mine')}>
          {t.back}
        </button>
      </section>
    );
  // English screens show the category's English name where the administrator gave one.
  const category = (lang === 'en' && view.categoryNameEn) || view.categoryName;

  const act = async (action: string, extra: Record<string, unknown>, done: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const attachmentIds: number[] = [];
      for (const p of photos) attachmentIds.push((await api.upload(p.file)).id);
      const next = await api.post<ResidentRequestView>(`/api/v1/resident/requests/${id}/actions`, {
        action,
        version: view.version,
        ...(note.trim() ? { note: note.trim() } : {}),
        attachmentIds,
        ...extra,
      });
      setView(next);
      setNotice(done);
      setPanel('none');
      setNote('');
      setPhotos([]);
      return next;
    } catch (e) {
      setError(e instanceof ResidentApiError ? e.text : String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  if (rating && view.actions.includes('rate'))
    return (
      <section>
        <h1 className="r-title">{t.rateTitle}</h1>
        <p className="r-muted">
          {category} · {view.code}
        </p>
        <div className="r-rates">
          {(['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={chosen === r}
              className={`r-rate r-rate-${r}${chosen === r ? ' r-rate-on' : ''}`}
              onClick={() => setChosen(r)}
            >
              {t.rating[r]}
            </button>
          ))}
        </div>
        <label className="r-label" htmlFor="r-rate-note">
          {t.rateComment}
        </label>
        <textarea
          id="r-rate-note"
          className="r-input r-textarea"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <ErrorBox error={error} />
        <div className="r-nav">
          <button type="button" className="r-button" onClick={() => go(`/r/requests/${id}`)}>
            {t.back}
          </button>
          <button
            type="button"
            className="r-button r-primary"
            disabled={busy || !chosen}
            onClick={() =>
              void act('rate', { rating: chosen }, t.rateDone).then((next) => next && go(`/r/requests/${id}`))
            }
          >
            {t.submit}
          </button>
        </div>
      </section>
    );

  const stepNow = bigStepOf(view.state);
  const banner =
    view.state === 'declined' || view.state === 'withdrawn' || view.state === 'merged'
      ? t.closedBanner[view.state]
      : null;
  return (
    <section>
      <p className="r-muted r-code-line">{view.code}</p>
      <h1 className="r-title">{category}</h1>
      <p className={`r-state r-state-${view.state} r-state-big`} data-testid="request-state">
        {t.state[view.state]}
      </p>
      {banner ? (
        <p className="r-banner">{banner}</p>
      ) : (
        <ol className="r-progress" aria-label={t.progress}>
          {t.bigSteps.map((label, i) => (
            <li key={label} className={i < stepNow ? 'r-done-step' : i === stepNow ? 'r-now-step' : ''}>
              <span className="r-progress-dot" aria-hidden>
                {i < stepNow ? '✓' : i + 1}
              </span>
              <span>{label}</span>
            </li>
          ))}
        </ol>
      )}
      {notice && <p className="r-ok">{notice}</p>}
      {view.rating && (
        <p className="r-lead">
          {t.yourRating}
          <strong>{t.rating[view.rating]}</strong>
        </p>
      )}

      <div className="r-actions">
        {view.actions.includes('rate') && (
          <button type="button" className="r-button r-primary" onClick={() => go(`/r/requests/${id}/rate`)}>
            {t.rate}
          </button>
        )}
        {view.actions.includes('reopen') && (
          <button type="button" className="r-button r-primary" onClick={() => setPanel('reopen')}>
            {t.reopen}
          </button>
        )}
        {view.actions.includes('urge') && (
          <button type="button" className="r-button" disabled={busy} onClick={() => void act('urge', {}, t.urged)}>
            {t.urge}
          </button>
        )}
        {view.actions.includes('add_info') && (
          <button type="button" className="r-button" onClick={() => setPanel('add_info')}>
            {t.addInfo}
          </button>
        )}
        {view.actions.includes('withdraw') && (
          <button type="button" className="r-button r-danger-outline" onClick={() => setPanel('withdraw')}>
            {t.withdraw}
          </button>
        )}
      </div>

      {(panel === 'add_info' || panel === 'reopen') && (
        <div className="r-panel r-stack">
          <label className="r-label" htmlFor="r-note">
            {panel === 'reopen' ? t.reopenReason : t.addInfo}
          </label>
          <textarea
            id="r-note"
            className="r-input r-textarea"
            rows={4}
            maxLength={2000}
            placeholder={panel === 'reopen' ? t.reopenPlaceholder : t.addInfoPlaceholder}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <PhotoPicker photos={photos} onChange={setPhotos} />
          <div className="r-nav">
            <button type="button" className="r-button" onClick={() => setPanel('none')}>
              {t.cancel}
            </button>
            <button
              type="button"
              className="r-button r-primary"
              disabled={busy}
              onClick={() => void act(panel, {}, panel === 'reopen' ? t.reopenDone : null)}
            >
              {t.send}
            </button>
          </div>
        </div>
      )}
      {panel === 'withdraw' && (
        <div className="r-panel r-stack">
          <p className="r-lead">{t.withdrawConfirm}</p>
          <div className="r-nav">
            <button type="button" className="r-button" onClick={() => setPanel('none')}>
              {t.cancel}
            </button>
            <button
              type="button"
              className="r-button r-danger"
              disabled={busy}
              onClick={() => void act('withdraw', {}, null)}
            >
              {t.withdrawYes}
            </button>
          </div>
        </div>
      )}
      <ErrorBox error={error} />

      <div className="r-panel">
        <p className="r-text">{view.description}</p>
        {view.address && <p className="r-muted">{view.address}</p>}
        <Photos ids={view.attachmentIds} />
      </div>

      <h2 className="r-subtitle">{t.timeline}</h2>
      <ol className="r-timeline">
        {[...view.events].reverse().map((e) => (
          <li key={e.id}>
            <p className="r-event-title">
              <strong>{e.rating ? `${t.action.rate}：${t.rating[e.rating]}` : (t.action[e.action] ?? e.action)}</strong>
            </p>
            <p className="r-muted">
              {formatTime(e.at, lang)} · {t.by[e.by]}
            </p>
            {e.note && <p className="r-text">{e.note}</p>}
            {e.action !== 'submit' && <Photos ids={e.attachmentIds} />}
          </li>
        ))}
      </ol>
      <button type="button" className="r-button" onClick={() => go('/r/mine')}>
        {t.myRequests}
      </button>
    </section>
  );
}
