/**
 * A map with one pin, on the tile server the installation configured (GET /api/v1/resident/map):
 * residents place the pin (tap or drag), staff see it. Leaflet is loaded only when a map is opened, so
 * neither the resident pages nor the console carry it otherwise (ADR 0016).
 */
import type { MapSettings } from '@linli/contracts';

export interface LatLng {
  latitude: number;
  longitude: number;
}

export interface PinMap {
  /** Where the pin is now. */
  pin(): LatLng;
  destroy(): void;
}

/** A large red pin drawn with CSS (no image files to bundle), its point at the bottom. */
const pinHtml =
  '<span style="display:block;width:36px;height:36px;margin:0 auto;border-radius:50% 50% 50% 0;background:#d4380d;' +
  'border:3px solid #fff;box-shadow:0 2px 6px rgba(0,0,0,.45);transform:rotate(-45deg)"></span>';

export async function openPinMap(
  el: HTMLElement,
  settings: MapSettings,
  o: { pin: LatLng | null; editable: boolean; label: string; onMove?: (p: LatLng) => void },
): Promise<PinMap> {
  const [{ default: L }] = await Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')]);
  const start = o.pin ?? settings.center;
  const map = L.map(el, { zoomControl: true, attributionControl: true }).setView(
    [start.latitude, start.longitude],
    settings.zoom,
  );
  map.attributionControl.setPrefix(false);
  L.tileLayer(settings.tiles, {
    subdomains: settings.subdomains || 'abc',
    // Leaflet renders attributions as HTML: the configured text is shown as text.
    attribution: settings.attribution.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    maxZoom: 18,
  }).addTo(map);
  const icon = L.divIcon({ className: 'linli-pin', html: pinHtml, iconSize: [42, 48], iconAnchor: [21, 46] });
  const marker = L.marker([start.latitude, start.longitude], {
    icon,
    draggable: o.editable,
    keyboard: o.editable,
    title: o.label,
    alt: o.label,
  }).addTo(map);
  const here = (): LatLng => {
    const p = marker.getLatLng();
    return { latitude: Number(p.lat.toFixed(6)), longitude: Number(p.lng.toFixed(6)) };
  };
  if (o.editable) {
    marker.on('dragend', () => o.onMove?.(here()));
    map.on('click', (e: { latlng: { lat: number; lng: number } }) => {
      marker.setLatLng(e.latlng);
      o.onMove?.(here());
    });
  }
  return { pin: here, destroy: () => map.remove() };
}
