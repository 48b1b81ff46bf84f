import type { HallConfig, ServiceConfig } from '@hall/protocol';
import { useState } from 'react';
import { useAdminTexts } from './admin-i18n';
import { Field, Section, useForm } from './form';
import { WeeklyHours } from './weekly-hours';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 业务: each service's prefix, names, materials, average time, quota, own hours and limits. */
export function ServicesPage(props: { config: HallConfig; savedIds: Set<string> }) {
  const t = useAdminTexts();
  const s = t.services;
  const { set, canEdit, errors } = useForm();
  const services = props.config.services;
  const [index, setIndex] = useState(0);
  const i = Math.min(index, services.length - 1);
  const service = services[i];
  const add = () => {
    const used = new Set(services.map((x) => x.prefix));
    const prefix = [...LETTERS].find((l) => !used.has(l)) ?? 'Z';
    let n = services.length + 1;
    while (services.some((x) => x.id === `service-${n}`)) n++;
    const fresh: ServiceConfig = {
      id: `service-${n}`,
      name: s.newService,
      prefix,
      averageServiceMinutes: 8,
      dailyQuota: null,
      materials: [],
    };
    set(['services'], [...services, fresh]);
    setIndex(services.length);
  };
  const remove = () => {
    set(
      ['services'],
      services.filter((_, j) => j !== i),
    );
    // the windows stop offering it too (people already waiting are still served)
    set(
      ['windows'],
      props.config.windows.map((w) => ({
        ...w,
        services: w.services.filter((id) => id !== service?.id),
      })),
    );
    setIndex(Math.max(0, i - 1));
  };
  const p = ['services', i] as const;
  const hasErrors = (j: number) => [...errors.keys()].some((k) => k.startsWith(`services.${j}.`));
  return (
    <div className="adm-split">
      <nav className="card adm-list" aria-label={s.list}>
        <ul>
          {services.map((x, j) => (
            <li key={`${x.id}-${j}`}>
              <button
                type="button"
                aria-current={j === i ? 'true' : undefined}
                className={`${j === i ? 'adm-list-on' : ''}${hasErrors(j) ? ' adm-list-bad' : ''}`}
                onClick={() => setIndex(j)}
              >
                <span className="adm-prefix">{x.prefix}</span> {x.name}
              </button>
            </li>
          ))}
        </ul>
        {canEdit(['services']) && (
          <button type="button" className="primary" onClick={add}>
            + {s.addService}
          </button>
        )}
      </nav>
      {service && (
        <div className="adm-pane">
          <Section
            title={`${service.prefix} · ${service.name}`}
            actions={
              canEdit(['services']) && services.length > 1 ? (
                <button type="button" className="danger" onClick={remove} title={s.removeHint}>
                  {s.removeService}
                </button>
              ) : null
            }
          >
            <Field path={[...p, 'name']} label={s.name} kind="text" />
            <Field path={[...p, 'nameEn']} label={s.nameEn} kind="text" />
            <Field path={[...p, 'prefix']} label={s.prefix} kind="text" />
            {!props.savedIds.has(service.id) && (
              <Field path={[...p, 'id']} label={s.id} kind="text" />
            )}
            <Field
              path={[...p, 'averageServiceMinutes']}
              label={s.averageServiceMinutes}
              kind="number"
            />
            <Field
              path={[...p, 'dailyQuota']}
              label={s.dailyQuota}
              kind="number"
              step={1}
              nullable
              hint={t.optionalHint}
            />
            <Field path={[...p, 'materials']} label={s.materials} kind="lines" rows={6} wide />
            <Field path={[...p, 'materialsEn']} label={s.materialsEn} kind="lines" rows={6} wide />
          </Section>
          <Section title={s.ownLimits}>
            {(['waitMinutes', 'serviceMinutes'] as const).flatMap((k) =>
              (['yellow', 'red'] as const).map((level) => (
                <Field
                  key={`${k}-${level}`}
                  path={[...p, 'limits', k, level]}
                  label={`${t.rules[k]} · ${t.rules[level]}`}
                  kind="number"
                />
              )),
            )}
          </Section>
          <Section title={t.tabs.hours}>
            <label className="adm-field adm-check">
              <input
                type="checkbox"
                checked={service.schedule !== undefined}
                disabled={!canEdit(['services'])}
                onChange={(e) =>
                  set(
                    [...p, 'schedule'],
                    e.target.checked
                      ? {
                          alwaysOpen: false,
                          weekly: props.config.schedule.weekly,
                          holidays: props.config.schedule.holidays,
                          makeupDayHours: props.config.schedule.makeupDayHours,
                          overrides: {},
                          cutoffMinutes: props.config.schedule.cutoffMinutes,
                        }
                      : undefined,
                  )
                }
              />
              {s.ownHours}
            </label>
            {service.schedule && <WeeklyHours base={[...p, 'schedule']} />}
          </Section>
        </div>
      )}
    </div>
  );
}
