import { limitLevel, type LimitPair } from '@hall/protocol';
import { useAlertTexts, type TimerLevel } from './alerts-i18n';
import './alerts.css';

/** 75 s → 01:15; an hour or more → 1:02:03. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

/** How long since `since` and the level it has reached against the pair. */
export function elapsed(
  since: string | null | undefined,
  now: number,
  pair: LimitPair | null,
): { seconds: number; level: TimerLevel } {
  const from = since ? Date.parse(since) : NaN;
  if (Number.isNaN(from)) return { seconds: 0, level: 'none' };
  const seconds = Math.max(0, (now - from) / 1000);
  return { seconds, level: pair ? limitLevel(seconds / 60, pair) : 'none' };
}

/**
 * A running time with its limit level: the colour and, never colour alone, an icon and the
 * words 预警 / 超时.
 */
export function LimitTimer(props: {
  label: string;
  since: string | null | undefined;
  now: number;
  pair: LimitPair | null;
  testId?: string;
  large?: boolean;
}) {
  const t = useAlertTexts();
  const { seconds, level } = elapsed(props.since, props.now, props.pair);
  return (
    <span
      className={`limit-timer limit-${level}${props.large ? ' limit-large' : ''}`}
      data-level={level}
      data-testid={props.testId}
      title={props.pair ? `${t.limit(props.pair.yellow)} / ${t.limit(props.pair.red)}` : undefined}
    >
      <span className="limit-label">{props.label}</span>{' '}
      <span className="limit-clock">{clockText(seconds)}</span>
      {level !== 'none' && (
        <span className="limit-badge">
          <span aria-hidden="true">{level === 'red' ? '✖' : '⚠'}</span> {t.level[level]}
        </span>
      )}
    </span>
  );
}
