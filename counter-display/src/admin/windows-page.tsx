import type { HallConfig } from '@hall/protocol';
import { useAdminTexts } from './admin-i18n';
import { Field, Section, useForm } from './form';

/** 窗口: each window's services in calling order, mode, A/B posts and notice printer. */
export function WindowsPage({ config }: { config: HallConfig }) {
  const t = useAdminTexts();
  const w = t.windows;
  const { set, canEdit, errors } = useForm();
  const editable = canEdit(['windows']);
  const serviceName = (id: string) => {
    const s = config.services.find((x) => x.id === id);
    return s ? `${s.prefix} ${s.name}` : id;
  };
  const staffOptions = config.staff.map((s) => ({
    value: s.id,
    label: `${s.name}（${s.jobNo}）`,
  }));
  const printers = config.devices
    .filter((d) => d.kind === 'printer')
    .map((d) => ({ value: d.id, label: d.id }));
  const addWindow = () => {
    let n = config.windows.length + 1;
    while (config.windows.some((x) => x.id === String(n))) n++;
    const first = config.services[0]?.id;
    set(
      ['windows'],
      [
        ...config.windows,
        {
          id: String(n),
          name: `${n}号窗口`,
          services: first ? [first] : [],
          mode: 'ordered',
          clerks: {},
        },
      ],
    );
  };
  return (
    <>
      {config.windows.map((win, i) => {
        const p = ['windows', i] as const;
        const move = (j: number, by: number) => {
          const list = [...win.services];
          const [item] = list.splice(j, 1);
          if (item === undefined) return;
          list.splice(j + by, 0, item);
          set([...p, 'services'], list);
        };
        const missing = config.services.filter((s) => !win.services.includes(s.id));
        const listError = [...errors.entries()].find(([k]) =>
          k.startsWith(`windows.${i}.services`),
        )?.[1];
        return (
          <Section
            key={`${win.id}-${i}`}
            title={win.name}
            actions={
              editable && config.windows.length > 1 ? (
                <button
                  type="button"
                  className="danger"
                  onClick={() =>
                    set(
                      ['windows'],
                      config.windows.filter((_, j) => j !== i),
                    )
                  }
                >
                  {w.removeWindow}
                </button>
              ) : null
            }
          >
            <Field path={[...p, 'name']} label={w.name} kind="text" />
            <Field path={[...p, 'nameEn']} label={w.nameEn} kind="text" />
            <Field
              path={[...p, 'mode']}
              label={w.mode}
              kind="select"
              options={(['ordered', 'oldest'] as const).map((m) => ({
                value: m,
                label: w.modes[m],
              }))}
            />
            <Field
              path={[...p, 'clerks', 'a']}
              label={w.clerkA}
              kind="select"
              optional
              options={staffOptions}
            />
            <Field
              path={[...p, 'clerks', 'b']}
              label={w.clerkB}
              kind="select"
              optional
              options={staffOptions}
            />
            <Field
              path={[...p, 'printer']}
              label={w.printer}
              kind="select"
              optional
              emptyLabel={w.hallDefault}
              options={printers}
            />
            <div className="adm-field adm-wide">
              <span className="adm-label" id={`win-${i}-services`}>
                {w.services}
              </span>
              <ol className="adm-order" aria-labelledby={`win-${i}-services`}>
                {win.services.map((id, j) => (
                  <li key={id}>
                    <span className="adm-order-name">{serviceName(id)}</span>
                    {editable && (
                      <>
                        <button
                          type="button"
                          disabled={j === 0}
                          onClick={() => move(j, -1)}
                          aria-label={`${w.services} ${serviceName(id)} ${t.moveUp}`}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          disabled={j === win.services.length - 1}
                          onClick={() => move(j, 1)}
                          aria-label={`${w.services} ${serviceName(id)} ${t.moveDown}`}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          onClick={() =>
                            set(
                              [...p, 'services'],
                              win.services.filter((x) => x !== id),
                            )
                          }
                          aria-label={`${serviceName(id)} ${t.remove}`}
                        >
                          {t.remove}
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ol>
              {editable && missing.length > 0 && (
                <select
                  aria-label={w.addServiceTo}
                  value=""
                  onChange={(e) =>
                    e.target.value && set([...p, 'services'], [...win.services, e.target.value])
                  }
                >
                  <option value="">+ {w.addServiceTo}</option>
                  {missing.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.prefix} {s.name}
                    </option>
                  ))}
                </select>
              )}
              {listError && (
                <small className="adm-error" role="alert">
                  {listError}
                </small>
              )}
            </div>
          </Section>
        );
      })}
      {editable && (
        <button type="button" className="primary" onClick={addWindow}>
          + {w.addWindow}
        </button>
      )}
    </>
  );
}
