/** Step 3's map: the resident taps (or drags the pin to) where it happened, then says "就是这里". */
import type { MapSettings } from '@linli/contracts';
import { useEffect, useRef, useState } from 'react';
import { openPinMap, type LatLng, type PinMap } from '../lib/pin-map.ts';
import { useShell } from './app.tsx';

export function MapPin({
  settings,
  start,
  onDone,
}: {
  settings: MapSettings;
  start: LatLng | null;
  onDone: (pin: LatLng | null) => void;
}) {
  const { t } = useShell();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<PinMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let closed = false;
    openPinMap(box.current!, settings, { pin: start, editable: true, label: t.pinLabel }).then(
      (m) => {
        if (closed) return m.destroy();
        map.current = m;
        setReady(true);
      },
      () => setFailed(true),
    );
    return () => {
      closed = true;
      map.current?.destroy();
      map.current = null;
    };
    // The map opens once, where it starts; later changes come from the resident's hand.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="r-stack" data-testid="map-pin">
      <p className="r-lead">{t.pinHint}</p>
      <div ref={box} className="r-map" role="application" aria-label={t.pinLabel} />
      {failed && <p className="r-muted">{t.pinFailed}</p>}
      <button type="button" className="r-button r-primary" disabled={!ready} onClick={() => onDone(map.current!.pin())}>
        {t.pinConfirm}
      </button>
      <button type="button" className="r-button" onClick={() => onDone(null)}>
        {t.cancel}
      </button>
    </div>
  );
}
