import { useReportTexts } from './reports-i18n';
import { presetRange, type Preset } from './period';

const PRESETS: Preset[] = ['today', 'yesterday', 'week', 'month', 'lastMonth', 'custom'];

/** 今天、昨天、本周、本月、上月 or any range; dates are the hall's business days. */
export function PeriodPicker(props: {
  today: string;
  preset: Preset;
  from: string;
  to: string;
  onChange: (p: { preset: Preset; from: string; to: string }) => void;
}) {
  const t = useReportTexts();
  const { today, preset, from, to, onChange } = props;
  return (
    <div className="rep-period" role="group" aria-label={t.title}>
      {PRESETS.map((p) => (
        <button
          key={p}
          type="button"
          className={p === preset ? 'rep-chip rep-chip-on' : 'rep-chip'}
          aria-pressed={p === preset}
          onClick={() => {
            if (p === 'custom') onChange({ preset: p, from, to });
            else {
              const [f, tt] = presetRange(p, today);
              onChange({ preset: p, from: f, to: tt });
            }
          }}
        >
          {t.presets[p]}
        </button>
      ))}
      <label className="rep-date">
        {t.from}
        <input
          type="date"
          value={from}
          max={to}
          onChange={(e) => onChange({ preset: 'custom', from: e.target.value, to })}
        />
      </label>
      <label className="rep-date">
        {t.to}
        <input
          type="date"
          value={to}
          min={from}
          onChange={(e) => onChange({ preset: 'custom', from, to: e.target.value })}
        />
      </label>
    </div>
  );
}
