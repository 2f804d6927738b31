/** The address picker: street → community → building → (unit) → household, one big list at a time. */
import type { Place } from '@linli/contracts';
import { useEffect, useState } from 'react';
import { api, ResidentApiError } from './api.ts';
import { ErrorBox, useShell } from './app.tsx';

export function PlacePicker({ trail, onChange }: { trail: Place[]; onChange: (trail: Place[]) => void }) {
  const { t } = useShell();
  const [options, setOptions] = useState<Place[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const last = trail.at(-1);

  useEffect(() => {
    if (last && !last.hasChildren) return;
    let live = true;
    const url = last ? `/api/v1/resident/places?parentId=${last.id}` : '/api/v1/resident/places';
    api.get<{ items: Place[] }>(url).then(
      (r) => live && setOptions(r.items),
      (e: unknown) => live && setError(e instanceof ResidentApiError ? e.text : String(e)),
    );
    return () => {
      live = false;
    };
  }, [last]);

  const state =
    last && !last.hasChildren ? 'done' : options === null ? 'loading' : options.length ? 'choosing' : 'done';
  return (
    <div className="r-stack" data-testid="place-picker" data-state={state}>
      <p className="r-muted">{t.pickPlace}</p>
      {trail.length > 0 && (
        <div className="r-chosen">
          <span>
            {t.chosen}
            <strong>{trail.map((p) => p.name).join(' / ')}</strong>
          </span>
          <button type="button" className="r-link" onClick={() => onChange([])}>
            {t.reselect}
          </button>
        </div>
      )}
      {last && !last.hasChildren ? null : options === null ? (
        <p className="r-muted">{t.loading}</p>
      ) : options.length === 0 ? (
        <p className="r-muted">{t.noPlaces}</p>
      ) : (
        <div
          className={options.every((p) => p.name.length <= 8) && options.length > 6 ? 'r-choices r-grid' : 'r-choices'}
          role="list"
        >
          {options.map((p) => (
            <button
              key={p.id}
              type="button"
              role="listitem"
              className="r-choice"
              onClick={() => {
                setOptions(null);
                onChange([...trail, p]);
              }}
            >
              {p.name}
            </button>
          ))}
        </div>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
