/** Where the resident pinned (or stood), on the configured map; nothing when no tile server is configured. */
import { useEffect, useRef } from 'react';
import { Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { routes } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { openPinMap, type LatLng } from '../../lib/pin-map.ts';

export function RequestMap({ position }: { position: LatLng }) {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: ['map-settings'],
    queryFn: async ({ signal }) => (await apiCall(routes.getMapSettings, { signal })).map,
    staleTime: Infinity,
  });
  const box = useRef<HTMLDivElement>(null);
  const map = settings.data;
  const { latitude, longitude } = position;

  useEffect(() => {
    if (!map || !box.current) return;
    let closed = false;
    let destroy = () => {};
    void openPinMap(box.current, map, {
      pin: { latitude, longitude },
      editable: false,
      label: t('requests.detail.map'),
    }).then((m) => {
      if (closed) m.destroy();
      else destroy = () => m.destroy();
    });
    return () => {
      closed = true;
      destroy();
    };
  }, [map, latitude, longitude, t]);

  if (!map) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('requests.detail.map')}
      </Typography.Title>
      <div
        ref={box}
        role="img"
        aria-label={t('requests.detail.map')}
        style={{ height: 260, borderRadius: 8, overflow: 'hidden' }}
      />
    </>
  );
}
