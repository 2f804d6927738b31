/** Dates as people type them from a notice: "2027-01-01~2027-01-03, 2027-02-06" → a sorted list of days. */

const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function normalise(text: string): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function next(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type DayListResult = { ok: true; days: string[] } | { ok: false; bad: string };

/** Parse days and inclusive ranges separated by commas, 、 or new lines; a range uses ~ or 至. */
export function parseDayList(text: string): DayListResult {
  const days = new Set<string>();
  for (const part of text
    .split(/[,，、;；\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [a, b, ...rest] = part.split(/\s*(?:~|～|至)\s*/);
    const from = normalise(a ?? '');
    const to = b === undefined ? from : normalise(b);
    if (!from || !to || rest.length || to < from) return { ok: false, bad: part };
    for (let d = from, n = 0; d <= to && n < 60; d = next(d), n++) days.add(d);
  }
  return { ok: true, days: [...days].sort() };
}

/** The inverse for editing: consecutive days folded into ranges. */
export function formatDayList(days: readonly string[]): string {
  const sorted = [...days].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && next(sorted[j]!) === sorted[j + 1]) j++;
    out.push(i === j ? sorted[i]! : `${sorted[i]}~${sorted[j]}`);
    i = j + 1;
  }
  return out.join('，');
}
