/** Period presets of the picker, in the hall's local dates. */
export type Preset = 'today' | 'yesterday' | 'week' | 'month' | 'lastMonth' | 'custom';

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The from/to dates of a preset, counted from the hall's business day `today`. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): [string, string] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = new Date(y, m - 1, d);
  switch (preset) {
    case 'today':
      return [today, today];
    case 'yesterday': {
      const y1 = new Date(y, m - 1, d - 1);
      return [iso(y1), iso(y1)];
    }
    case 'week': {
      // the week starts on Monday
      const monday = new Date(y, m - 1, d - ((day.getDay() + 6) % 7));
      return [iso(monday), today];
    }
    case 'month':
      return [iso(new Date(y, m - 1, 1)), today];
    case 'lastMonth':
      return [iso(new Date(y, m - 2, 1)), iso(new Date(y, m - 1, 0))];
  }
}
