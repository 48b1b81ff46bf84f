import { createContext, useContext, useId, type ReactNode } from 'react';
import { getIn, pathKey, type Path } from './config-edit';

/** What every field of a page reads: the edited document, its errors, and who may edit what. */
export interface FormState {
  draft: unknown;
  set: (path: Path, value: unknown) => void;
  errors: Map<string, string>;
  /** Whether the signed-in person may change the value at this path. */
  canEdit: (path: Path) => boolean;
}

export const FormContext = createContext<FormState | null>(null);

export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error('a field outside the admin form');
  return form;
}

type FieldKind =
  | { kind: 'text'; placeholder?: string }
  | { kind: 'number'; optional?: boolean; nullable?: boolean; step?: number }
  | {
      kind: 'select';
      options: { value: string; label: string }[];
      optional?: boolean;
      /** What the empty choice means (default —). */
      emptyLabel?: string;
    }
  | { kind: 'checkbox' }
  | { kind: 'lines'; rows?: number }
  | { kind: 'periods' };

/**
 * One labelled input bound to a place in the configuration, checked as you type: its error
 * (from the protocol's schema) shows under it and is announced to screen readers.
 */
export function Field(
  props: { path: Path; label: string; hint?: string; wide?: boolean } & FieldKind,
) {
  const { draft, set, errors, canEdit } = useForm();
  const id = useId();
  const value = getIn(draft, props.path);
  const error = errors.get(pathKey(props.path));
  const disabled = !canEdit(props.path);
  const described = [error ? `${id}-err` : '', props.hint ? `${id}-hint` : ''].join(' ').trim();
  const common = {
    id,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
  } as const;
  let input: ReactNode;
  switch (props.kind) {
    case 'text':
      input = (
        <input
          {...common}
          value={typeof value === 'string' ? value : ''}
          placeholder={props.placeholder}
          onChange={(e) =>
            set(
              props.path,
              e.target.value === '' && value === undefined ? undefined : e.target.value,
            )
          }
        />
      );
      break;
    case 'number':
      input = (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step={props.step ?? 'any'}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) =>
            set(
              props.path,
              e.target.value === '' ? (props.nullable ? null : undefined) : Number(e.target.value),
            )
          }
        />
      );
      break;
    case 'select':
      input = (
        <select
          {...common}
          value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
          onChange={(e) => set(props.path, e.target.value === '' ? undefined : e.target.value)}
        >
          {props.optional && <option value="">{props.emptyLabel ?? '—'}</option>}
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'checkbox':
      input = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => set(props.path, e.target.checked)}
        />
      );
      break;
    case 'lines':
      input = (
        <textarea
          {...common}
          rows={props.rows ?? 4}
          value={Array.isArray(value) ? value.join('\n') : ''}
          onChange={(e) => set(props.path, e.target.value === '' ? [] : e.target.value.split('\n'))}
        />
      );
      break;
    case 'periods':
      input = (
        <input
          {...common}
          value={Array.isArray(value) ? value.join(', ') : ''}
          onChange={(e) =>
            set(
              props.path,
              e.target.value.trim() === ''
                ? []
                : e.target.value.split(/[,，]/).map((p) => p.trim()),
            )
          }
        />
      );
      break;
  }
  // an error of an item (a period, a material line) shows at its list
  const itemError =
    !error && (props.kind === 'lines' || props.kind === 'periods')
      ? [...errors.entries()].find(([k]) => k.startsWith(`${pathKey(props.path)}.`))?.[1]
      : undefined;
  const shown = error ?? itemError;
  return (
    <div
      className={`adm-field${props.kind === 'checkbox' ? ' adm-check' : ''}${props.wide ? ' adm-wide' : ''}${shown ? ' adm-bad' : ''}`}
    >
      <label htmlFor={id}>{props.label}</label>
      {input}
      {props.hint && (
        <small id={`${id}-hint`} className="adm-hint">
          {props.hint}
        </small>
      )}
      {shown && (
        <small id={`${id}-err`} className="adm-error" role="alert">
          {shown}
        </small>
      )}
    </div>
  );
}

/** A titled group of fields. */
export function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card adm-section">
      <header className="adm-section-head">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      <div className="adm-grid">{props.children}</div>
    </section>
  );
}
