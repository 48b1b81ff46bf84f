import { useEffect, useMemo, useState } from 'react';
import { ApiFailure } from '../api';
import { Dialog } from '../dialog';
import type { Lang } from '../i18n';
import type { Session } from '../session';
import { adminApi } from './admin-api';
import { SUPERVISOR_SECTIONS } from './access';
import { adminTexts, type AdminTab } from './admin-i18n';
import { AuditPage } from './audit-page';
import type { Path } from './config-edit';
import { DevicesPage } from './devices-page';
import { FormContext, type FormState } from './form';
import { HallPage } from './hall-page';
import { HoursPage } from './hours-page';
import { RulesPage } from './rules-page';
import { DiffDialog, enterTo, SaveBar } from './save-bar';
import { ScreenPage } from './screen-page';
import { ServicesPage } from './services-page';
import { StaffPage } from './staff-page';
import { pathLabel } from './path-label';
import { useAdminConfig } from './use-admin-config';
import { WindowsPage } from './windows-page';

/** The signed-in admin console: tabs, the page, the save bar and its dialogs. */
export function AdminScreen(props: {
  session: Session;
  lang: Lang;
  tabs: AdminTab[];
  onHallName: (name: string) => void;
  onUnauthorized: () => void;
  notify: (text: string, tone?: 'ok' | 'error') => void;
}) {
  const { session, lang, tabs, notify, onHallName, onUnauthorized } = props;
  const t = adminTexts(lang);
  const api = useMemo(
    () => adminApi(session.hallId, session.token, lang),
    [session.hallId, session.token, lang],
  );
  const cfg = useAdminConfig(api, lang, notify, t);
  const wanted = new URLSearchParams(window.location.search).get('tab') as AdminTab | null;
  const [tab, setTab] = useState<AdminTab>(
    wanted && tabs.includes(wanted) ? wanted : (tabs[0] ?? 'hours'),
  );
  useEffect(() => {
    const c = cfg.saved?.config;
    if (c) onHallName(lang === 'en' && c.nameEn ? c.nameEn : c.name);
  }, [cfg.saved, onHallName, lang]);
  useEffect(() => {
    if (cfg.loadError?.status === 401) onUnauthorized();
  }, [cfg.loadError, onUnauthorized]);

  const canReview = cfg.changes.length > 0 && cfg.errors.size === 0 && cfg.state.step === 'editing';
  const { setState } = cfg;
  // Ctrl+S reviews and saves; leaving the page with unsaved changes asks first
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (canReview) setState({ step: 'confirm' });
      }
    };
    const onLeave = (e: BeforeUnloadEvent) => {
      if (cfg.changes.length > 0) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, [canReview, setState, cfg.changes.length]);
  // ← and → move between the tabs (the tab pattern of WAI-ARIA)
  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    const by = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!by) return;
    const next = tabs[(i + by + tabs.length) % tabs.length];
    if (!next) return;
    setTab(next);
    const buttons = (e.currentTarget.parentElement?.querySelectorAll('[role="tab"]') ??
      []) as NodeListOf<HTMLElement>;
    buttons[(i + by + tabs.length) % tabs.length]?.focus();
  };

  const reload = () =>
    void cfg.rebase().then((conflicts) => {
      if (conflicts.length > 0)
        notify(t.conflictTaken(conflicts.map((k) => pathLabel(k, null, t)).join('、')), 'error');
      else notify(t.rebased);
    });

  const isAdmin = session.user.role === 'admin';
  const form: FormState | null = useMemo(
    () =>
      cfg.draft
        ? {
            draft: cfg.draft,
            set: cfg.set,
            errors: cfg.errors,
            canEdit: (path: Path) =>
              isAdmin || (SUPERVISOR_SECTIONS as readonly unknown[]).includes(path[0]),
          }
        : null,
    [cfg.draft, cfg.set, cfg.errors, isAdmin],
  );
  const act = async (work: () => Promise<unknown>, done?: string): Promise<boolean> => {
    try {
      await work();
      await cfg.refreshPeople();
      if (done) notify(done);
      return true;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
      notify(t.saveFailed(err instanceof Error ? err.message : String(err)), 'error');
      return false;
    }
  };

  if (cfg.loadError)
    return (
      <main className="loading" role="alert">
        {cfg.loadError.message}
      </main>
    );
  if (!form || !cfg.draft) return <main className="loading">{t.loading}</main>;
  const draft = cfg.draft;
  return (
    <FormContext.Provider value={form}>
      <nav className="adm-tabs" aria-label={t.title} role="tablist">
        {tabs.map((x, i) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={x === tab}
            tabIndex={x === tab ? 0 : -1}
            onKeyDown={(e) => onTabKey(e, i)}
            className={x === tab ? 'adm-tab adm-tab-on' : 'adm-tab'}
            onClick={() => setTab(x)}
          >
            {t.tabs[x]}
          </button>
        ))}
      </nav>
      <main className="adm-main" role="tabpanel" aria-label={t.tabs[tab]}>
        {!isAdmin && <p className="adm-scope">{t.supervisorScope}</p>}
        {tab === 'hall' && <HallPage onExport={() => void api.exportYaml()} />}
        {tab === 'services' && (
          <ServicesPage
            config={draft}
            savedIds={new Set(cfg.saved?.config.services.map((x) => x.id))}
          />
        )}
        {tab === 'windows' && <WindowsPage config={draft} />}
        {tab === 'staff' && (
          <StaffPage config={draft} api={api} act={act} selfId={session.user.id} />
        )}
        {tab === 'devices' && <DevicesPage config={draft} api={api} act={act} />}
        {tab === 'hours' && <HoursPage config={draft} api={api} notify={notify} />}
        {tab === 'rules' && <RulesPage isAdmin={isAdmin} />}
        {tab === 'screen' && <ScreenPage isAdmin={isAdmin} config={draft} />}
        {tab === 'audit' && (
          <AuditPage
            api={api}
            today={new Date().toLocaleDateString('sv-SE', { timeZone: draft.timeZone })}
            config={cfg.saved?.config ?? draft}
          />
        )}
      </main>
      {tab !== 'audit' && tab !== 'staff' && tab !== 'devices' && (
        <SaveBar
          changes={cfg.changes}
          errors={cfg.errors}
          state={cfg.state}
          config={cfg.draft}
          onReview={() => cfg.setState({ step: 'confirm' })}
          onDiscard={cfg.discard}
        />
      )}
      {(cfg.state.step === 'confirm' || cfg.state.step === 'saving') && (
        <DiffDialog
          changes={cfg.changes}
          saving={cfg.state.step === 'saving'}
          config={cfg.saved?.config ?? null}
          onConfirm={() => void cfg.save()}
          onCancel={() => cfg.setState({ step: 'editing' })}
        />
      )}
      {cfg.state.step === 'conflict' && (
        <Dialog
          title={t.conflictTitle}
          onCancel={() => cfg.setState({ step: 'editing' })}
          onKey={enterTo(reload)}
          confirm={{
            label: t.reload,
            onConfirm: reload,
            disabled: false,
            testId: 'reload-config',
          }}
        >
          <p role="alert">{t.conflict}</p>
        </Dialog>
      )}
    </FormContext.Provider>
  );
}
