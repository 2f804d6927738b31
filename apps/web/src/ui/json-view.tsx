/** Pretty-printed JSON in a scrollable monospace block. */
export function JsonView({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre
      aria-label={label}
      style={{
        margin: 0,
        padding: 12,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        maxHeight: 360,
        overflow: 'auto',
        fontSize: 12,
        lineHeight: 1.6,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
