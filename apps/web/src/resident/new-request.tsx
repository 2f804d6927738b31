/** Filing a request in four steps: kind → what happened → where → contact, then the number. */
import type { MapSettings, Place, ResidentCategory, ResidentRequestView } from '@linli/contracts';
import { useEffect, useState } from 'react';
import { api, ResidentApiError } from './api.ts';
import { ErrorBox, useShell } from './app.tsx';
import { PhoneVerify } from './phone-verify.tsx';
import { PhotoPicker, type PickedPhoto } from './photo-picker.tsx';
import { MapPin } from './map-pin.tsx';
import { PlacePicker } from './place-picker.tsx';

export function NewRequest() {
  const { t, lang, go, session } = useShell();
  const [step, setStep] = useState(1);
  const [categories, setCategories] = useState<ResidentCategory[] | null>(null);
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [trail, setTrail] = useState<Place[]>([]);
  const [addressText, setAddressText] = useState('');
  const [position, setPosition] = useState<{ latitude: number; longitude: number } | null>(null);
  const [positionNote, setPositionNote] = useState<string | null>(null);
  const [map, setMap] = useState<MapSettings | null>(null);
  const [pinning, setPinning] = useState(false);
  const [contactName, setContactName] = useState('');
  const [isAnonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ResidentRequestView | null>(null);

  useEffect(() => {
    // Without a configured tile server there is no map: "where I am now" and the address remain.
    api.get<{ map: MapSettings | null }>('/api/v1/resident/map').then(
      (r) => setMap(r.map),
      () => setMap(null),
    );
    api.get<{ items: ResidentCategory[] }>('/api/v1/resident/categories').then(
      (r) => setCategories(r.items.filter((c) => c.parentId === null)),
      (e: unknown) => setError(e instanceof ResidentApiError ? e.text : String(e)),
    );
  }, []);

  const problem = (s: number): string | null => {
    if (s === 1 && categoryId === null) return t.needCategory;
    if (s === 2 && description.trim().length < 4) return t.needDescription;
    if (s === 3 && trail.length === 0 && addressText.trim().length < 2) return t.needPlace;
    if (s === 4 && !session) return t.needVerify;
    return null;
  };

  const next = () => {
    const p = problem(step);
    setError(p);
    if (!p) {
      setStep(step + 1);
      scrollTo(0, 0);
    }
  };

  const submit = async () => {
    const p = problem(4);
    if (p) return setError(p);
    setBusy(true);
    setError(null);
    try {
      const attachmentIds: number[] = [];
      for (const photo of photos) attachmentIds.push((await api.upload(photo.file)).id);
      const created = await api.post<ResidentRequestView>('/api/v1/resident/requests', {
        categoryId,
        description: description.trim(),
        ...(trail.length ? { nodeId: trail.at(-1)!.id } : {}),
        ...(addressText.trim() ? { addressText: addressText.trim() } : {}),
        ...(position ?? {}),
        ...(contactName.trim() && !isAnonymous ? { contactName: contactName.trim() } : {}),
        isAnonymous,
        attachmentIds,
      });
      setDone(created);
      scrollTo(0, 0);
    } catch (e) {
      setError(e instanceof ResidentApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <section className="r-done" aria-live="polite">
        <div className="r-done-mark" aria-hidden>
          ✓
        </div>
        <h1 className="r-title">{t.doneTitle}</h1>
        <p className="r-label">{t.doneNumber}</p>
        <p className="r-number" data-testid="request-number">
          {done.code}
        </p>
        <p className="r-lead">{t.doneLead}</p>
        <button type="button" className="r-button r-primary" onClick={() => go(`/r/requests/${done.id}`)}>
          {t.viewProgress}
        </button>
        <button type="button" className="r-button" onClick={() => go('/r/')}>
          {t.backHome}
        </button>
      </section>
    );

  const titles = [t.step1, t.step2, t.step3, t.step4];
  return (
    <section>
      <p className="r-steps" aria-label={t.stepOf(step)}>
        {[1, 2, 3, 4].map((n) => (
          <span key={n} className={n <= step ? 'r-dot r-dot-on' : 'r-dot'} />
        ))}
        <span className="r-muted">{t.stepOf(step)}</span>
      </p>
      <h1 className="r-title">{titles[step - 1]}</h1>

      {step === 1 && (
        <div className="r-choices">
          {categories === null && <p className="r-muted">{t.loading}</p>}
          {categories?.map((c) => (
            <button
              key={c.id}
              type="button"
              aria-pressed={categoryId === c.id}
              className={categoryId === c.id ? 'r-choice r-choice-on' : 'r-choice'}
              onClick={() => {
                setCategoryId(c.id);
                setError(null);
                setStep(2);
                scrollTo(0, 0);
              }}
            >
              <span className="r-big-title">{lang === 'en' && c.nameEn ? c.nameEn : c.name}</span>
              {c.hint && lang !== 'en' && <span className="r-big-hint">{c.hint}</span>}
            </button>
          ))}
        </div>
      )}

      {step === 2 && (
        <div className="r-stack">
          <label className="r-label" htmlFor="r-desc">
            {t.describe}
          </label>
          <textarea
            id="r-desc"
            className="r-input r-textarea"
            rows={5}
            maxLength={2000}
            placeholder={t.describePlaceholder}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <PhotoPicker photos={photos} onChange={setPhotos} />
        </div>
      )}

      {step === 3 && pinning && map && (
        <MapPin
          settings={map}
          start={position}
          onDone={(pin) => {
            setPinning(false);
            if (pin) {
              setPosition(pin);
              setPositionNote(t.pinSaved);
            }
            scrollTo(0, 0);
          }}
        />
      )}

      {step === 3 && !pinning && (
        <div className="r-stack">
          <PlacePicker trail={trail} onChange={setTrail} />
          <label className="r-label" htmlFor="r-address">
            {trail.length ? t.addressText : t.addressTextOnly}
          </label>
          <input
            id="r-address"
            className="r-input"
            maxLength={200}
            placeholder={t.addressPlaceholder}
            value={addressText}
            onChange={(e) => setAddressText(e.target.value)}
          />
          {map && (
            <button type="button" className="r-button" onClick={() => setPinning(true)}>
              {position && positionNote === t.pinSaved ? t.pinAgain : t.pinOnMap}
            </button>
          )}
          {'geolocation' in navigator && (
            <button
              type="button"
              className="r-button"
              onClick={() =>
                navigator.geolocation.getCurrentPosition(
                  (p) => {
                    setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude });
                    setPositionNote(t.locationSaved);
                  },
                  () => setPositionNote(t.locationFailed),
                  { timeout: 10_000 },
                )
              }
            >
              {t.useLocation}
            </button>
          )}
          {positionNote && <p className={position ? 'r-ok' : 'r-muted'}>{positionNote}</p>}
        </div>
      )}

      {step === 4 && (
        <div className="r-stack">
          <PhoneVerify />
          {!isAnonymous && (
            <>
              <label className="r-label" htmlFor="r-name">
                {t.contactName}
              </label>
              <input
                id="r-name"
                className="r-input"
                maxLength={40}
                placeholder={t.contactNamePlaceholder}
                value={contactName}
                onChange={(e) => setContactName(e.target.value)}
              />
            </>
          )}
          <label className="r-switch">
            <input type="checkbox" checked={isAnonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            <span>{t.anonymous}</span>
          </label>
          {isAnonymous && <p className="r-muted">{t.anonymousHint}</p>}
        </div>
      )}

      <ErrorBox error={error} />
      {!pinning && (
        <div className="r-nav">
          <button
            type="button"
            className="r-button"
            onClick={() => {
              setError(null);
              if (step === 1) go('/r/');
              else setStep(step - 1);
            }}
          >
            {t.back}
          </button>
          {step > 1 && step < 4 && (
            <button type="button" className="r-button r-primary" onClick={next}>
              {t.next}
            </button>
          )}
          {step === 4 && (
            <button type="button" className="r-button r-primary" disabled={busy} onClick={() => void submit()}>
              {busy ? t.submitting : t.submit}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
