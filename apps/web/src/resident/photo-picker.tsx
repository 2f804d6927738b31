/** Photos from the camera or the gallery, with previews and removal; made smaller before upload. */
import { useEffect, useRef } from 'react';
import { useShell } from './app.tsx';

export const MAX_PHOTOS = 6;

export interface PickedPhoto {
  key: string;
  file: Blob;
  url: string;
}

/** A phone photo (often 4–8 MB) shrunk to at most 1600 px as JPEG; small images stay as they are. */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size < 400_000) return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

export function PhotoPicker({ photos, onChange }: { photos: PickedPhoto[]; onChange: (p: PickedPhoto[]) => void }) {
  const { t } = useShell();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(photos);
  useEffect(() => {
    latest.current = photos;
  }, [photos]);
  useEffect(() => () => latest.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const add = async (files: FileList | null) => {
    if (!files) return;
    const room = MAX_PHOTOS - photos.length;
    const picked: PickedPhoto[] = [];
    for (const f of Array.from(files).slice(0, room)) {
      if (!/^image\/(jpeg|png|webp)$/.test(f.type)) continue;
      const blob = await shrinkPhoto(f);
      picked.push({ key: `${f.name}-${f.size}-${Math.random()}`, file: blob, url: URL.createObjectURL(blob) });
    }
    onChange([...photos, ...picked]);
    if (input.current) input.current.value = '';
  };

  return (
    <div className="r-stack">
      <span className="r-label">{t.photos}</span>
      {photos.length > 0 && (
        <ul className="r-photos">
          {photos.map((p, i) => (
            <li key={p.key}>
              <img src={p.url} alt={t.photoAlt(i + 1)} />
              <button
                type="button"
                className="r-photo-remove"
                aria-label={`${t.removePhoto} ${i + 1}`}
                onClick={() => {
                  URL.revokeObjectURL(p.url);
                  onChange(photos.filter((x) => x.key !== p.key));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length < MAX_PHOTOS ? (
        <label className="r-button r-file">
          {t.takePhoto}
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            onChange={(e) => void add(e.target.files)}
          />
        </label>
      ) : (
        <p className="r-muted">{t.photoLimit}</p>
      )}
    </div>
  );
}
