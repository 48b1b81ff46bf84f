import type { HallConfig } from '@hall/protocol';
import { useAdminTexts } from './admin-i18n';
import { Field, Section, useForm } from './form';

/** 屏幕与语音: how the hall screen speaks and shows calls (admins), and the rolling notices. */
export function ScreenPage({ isAdmin, config }: { isAdmin: boolean; config: HallConfig }) {
  const t = useAdminTexts();
  const s = t.screen;
  const { set, canEdit } = useForm();
  const notices = config.notices;
  const addNotice = () => {
    let n = notices.length + 1;
    while (notices.some((x) => x.id === `notice-${n}`)) n++;
    set(['notices'], [...notices, { id: `notice-${n}`, text: '' }]);
  };
  return (
    <>
      <Section
        title={s.notices}
        actions={
          canEdit(['notices']) ? (
            <button type="button" className="primary" onClick={addNotice}>
              + {s.addNotice}
            </button>
          ) : null
        }
      >
        {notices.map((n, i) => (
          <div className="adm-notice adm-wide" key={`${n.id}-${i}`}>
            <Field path={['notices', i, 'text']} label={`${s.noticeText} ${i + 1}`} kind="text" />
            <Field path={['notices', i, 'textEn']} label={s.noticeTextEn} kind="text" />
            {canEdit(['notices']) && (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  set(
                    ['notices'],
                    notices.filter((_, j) => j !== i),
                  )
                }
              >
                {t.remove}
              </button>
            )}
          </div>
        ))}
      </Section>
      {isAdmin && (
        <>
          <Section title={s.voice}>
            <Field path={['screen', 'callTemplate']} label={s.callTemplate} kind="text" wide />
            <Field path={['screen', 'repeat']} label={s.repeat} kind="number" step={1} />
            <Field path={['screen', 'volume']} label={s.volume} kind="number" step={0.1} />
            <Field path={['screen', 'rate']} label={s.rate} kind="number" step={0.1} />
            <Field path={['screen', 'chime']} label={s.chime} kind="checkbox" />
            <Field path={['screen', 'quietHours']} label={s.quietHours} kind="periods" wide />
            <Field
              path={['screen', 'speakMaxAgeSeconds']}
              label={s.speakMaxAgeSeconds}
              kind="number"
              step={1}
            />
          </Section>
          <Section title={s.display}>
            <Field path={['screen', 'recentCalls']} label={s.recentCalls} kind="number" step={1} />
            <Field
              path={['screen', 'layout']}
              label={s.layout}
              kind="select"
              options={(['auto', 'tv', 'led'] as const).map((v) => ({
                value: v,
                label: s.layouts[v],
              }))}
            />
            <Field path={['screen', 'ledSize']} label={s.ledSize} kind="text" />
          </Section>
        </>
      )}
    </>
  );
}
