/** The Linli mark: a roof over a door, in the console's primary colour. */
export function BrandMark({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden focusable="false">
      <rect width="64" height="64" rx="14" fill="#c0392b" />
      <path d="M14 30 32 16l18 14v18H38V36H26v12H14z" fill="#fff" />
    </svg>
  );
}
