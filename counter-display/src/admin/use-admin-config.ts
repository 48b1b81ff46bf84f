import type { HallConfig } from '@hall/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiFailure } from '../api';
import type { Lang } from '../i18n';
import type { AdminApi, VersionedConfig } from './admin-api';
import { diffConfig, rebaseSections, setIn, type Change, type Path } from './config-edit';
import { validateConfig } from './validate';

export type SaveState =
  { step: 'editing' } | { step: 'confirm' } | { step: 'saving' } | { step: 'conflict' };

/**
 * The hall's configuration being edited: the saved version, the draft, the draft's errors (the
 * protocol's schema, as you type), what changed, and saving with If-Match (412: someone else
 * saved first; 400: the server's own field errors shown where they belong).
 */
export function useAdminConfig(
  api: AdminApi,
  lang: Lang,
  notify: (text: string, tone?: 'ok' | 'error') => void,
  texts: { saved: string; saveFailed: (m: string) => string },
) {
  const [saved, setSaved] = useState<VersionedConfig | null>(null);
  const [draft, setDraft] = useState<HallConfig | null>(null);
  const [state, setState] = useState<SaveState>({ step: 'editing' });
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [loadError, setLoadError] = useState<ApiFailure | null>(null);

  const load = useCallback(async () => {
    try {
      const v = await api.config();
      setSaved(v);
      setDraft(v.config);
      setServerErrors(new Map());
      setState({ step: 'editing' });
      setLoadError(null);
    } catch (err) {
      setLoadError(err instanceof ApiFailure ? err : new ApiFailure('network', String(err)));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const set = useCallback((path: Path, value: unknown) => {
    setDraft((d) => (d ? setIn(d, path, value) : d));
    setServerErrors(new Map());
  }, []);
  const errors = useMemo(() => {
    const found = draft ? validateConfig(draft, lang) : new Map<string, string>();
    for (const [k, v] of serverErrors) if (!found.has(k)) found.set(k, v);
    return found;
  }, [draft, lang, serverErrors]);
  const changes: Change[] = useMemo(
    () => (saved && draft ? diffConfig(saved.config, draft) : []),
    [saved, draft],
  );

  const save = useCallback(async () => {
    if (!saved || !draft) return;
    setState({ step: 'saving' });
    try {
      const result = await api.saveConfig(saved.version, draft);
      const next = result?.config ? result : await api.config();
      setSaved(next);
      setDraft(next.config);
      setState({ step: 'editing' });
      notify(texts.saved);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 412) {
        setState({ step: 'conflict' });
        return;
      }
      setState({ step: 'editing' });
      if (err instanceof ApiFailure && Array.isArray(err.details)) {
        const found = new Map<string, string>();
        for (const d of err.details as { path?: string; message?: string }[])
          if (d.path !== undefined && d.message) found.set(d.path, d.message);
        setServerErrors(found);
      }
      notify(texts.saveFailed(err instanceof Error ? err.message : String(err)), 'error');
    }
  }, [api, saved, draft, notify, texts]);

  /**
   * After someone else saved first: the newest version, with my edits carried onto it where
   * they touch sections nobody else changed; the sections we both changed are returned.
   */
  const rebase = useCallback(async (): Promise<string[]> => {
    const v = await api.config();
    const base = saved?.config;
    const mine = draft;
    if (!base || !mine) {
      setSaved(v);
      setDraft(v.config);
      setState({ step: 'editing' });
      return [];
    }
    const { merged, conflicts } = rebaseSections(base, mine, v.config);
    setSaved(v);
    setDraft(merged);
    setState({ step: 'editing' });
    return conflicts;
  }, [api, saved, draft]);

  /** After a staff or device action (their own endpoints): take the server's lists, keep the rest of the draft. */
  const refreshPeople = useCallback(async () => {
    const v = await api.config();
    setSaved(v);
    setDraft((d) => (d ? { ...d, staff: v.config.staff, devices: v.config.devices } : v.config));
  }, [api]);

  return {
    rebase,
    refreshPeople,
    saved,
    draft,
    set,
    errors,
    changes,
    state,
    setState,
    save,
    load,
    loadError,
    discard: () => saved && setDraft(saved.config),
  };
}
