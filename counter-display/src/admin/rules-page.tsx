import { useAdminTexts } from './admin-i18n';
import { Field, Section } from './form';

const RULES = [
  'maxGreenInRow',
  'noShowAfterCalls',
  'maxRecalls',
  'requeuePlacesBehindHead',
  'ratingWindowSeconds',
  'followUpWorkingDays',
  'idleSignOutMinutes',
] as const;
const PAIRS = [
  'waitMinutes',
  'callMinutes',
  'serviceMinutes',
  'briefPauseMinutes',
  'closedPauseMinutes',
] as const;

/** 规则: the calling rules (admins) and the time limits (admins and supervisors). */
export function RulesPage({ isAdmin }: { isAdmin: boolean }) {
  const r = useAdminTexts().rules;
  return (
    <>
      <Section title={r.limits}>
        {PAIRS.flatMap((k) =>
          (['yellow', 'red'] as const).map((level) => (
            <Field
              key={`${k}-${level}`}
              path={['limits', k, level]}
              label={`${r[k]} · ${r[level]}`}
              kind="number"
            />
          )),
        )}
        <Field
          path={['limits', 'unstaffedQueueMinutes']}
          label={r.unstaffedQueueMinutes}
          kind="number"
        />
        <Field path={['limits', 'idlePostMinutes']} label={r.idlePostMinutes} kind="number" />
      </Section>
      {isAdmin && (
        <Section title={r.rules}>
          {RULES.map((k) => (
            <Field key={k} path={['rules', k]} label={r[k]} kind="number" step={1} />
          ))}
        </Section>
      )}
    </>
  );
}
