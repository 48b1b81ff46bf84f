import { usePriorityTexts } from './priority-i18n';

/** A recorded reason: common ones in one touch, or typed. */
export function ReasonField(props: {
  presets: string[];
  value: string;
  name: string;
  onChange: (reason: string) => void;
}) {
  const t = usePriorityTexts();
  return (
    <>
      <div className="reason-chips">
        {props.presets.map((r) => (
          <button
            key={r}
            type="button"
            className={`reason-chip${props.value === r ? ' chosen' : ''}`}
            aria-pressed={props.value === r}
            onClick={() => props.onChange(r)}
          >
            {r}
          </button>
        ))}
      </div>
      <label className="other">
        {t.reason}
        <input
          name={props.name}
          value={props.value}
          maxLength={200}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </label>
    </>
  );
}
