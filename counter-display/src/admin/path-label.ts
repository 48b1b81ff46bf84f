import type { HallConfig } from '@hall/protocol';
import type { AdminTexts } from './admin-i18n';
import { showValue } from './config-edit';

/**
 * A configuration path as an administrator reads it: `services.labor.name` (or `services.0.name`)
 * becomes 业务 › 劳动保障 › 业务名称. Unknown keys stay as they are.
 */
function fieldNames(t: AdminTexts): Record<string, string> {
  return {
    ...(t.hall as unknown as Record<string, string>),
    ...(t.rules as unknown as Record<string, string>),
    ...(t.screen as unknown as Record<string, string>),
    ...(t.hours.weekdays as Record<string, string>),
    ...(t.services as unknown as Record<string, string>),
    cutoffMinutes: t.hours.cutoffMinutes,
    holidays: t.hours.holidays,
    makeupDayHours: t.hours.makeupDayHours,
    alwaysOpen: t.hours.alwaysOpen,
    weekly: t.hours.weekly,
    overrides: t.hours.calendar,
    services: t.windows.services,
    clerks: t.windows.clerkA.replace(/A$/, ''),
    a: t.windows.clerkA,
    b: t.windows.clerkB,
    mode: t.windows.mode,
    printer: t.windows.printer,
    text: t.screen.noticeText,
    textEn: t.screen.noticeTextEn,
    order: t.order,
    id: t.id,
    kind: t.devices.kind,
    jobNo: t.staff.jobNo,
    role: t.staff.role,
    windowId: t.devices.window,
    disabled: t.staff.disabled,
    mustChangePassword: t.mustChange,
    photoUrl: t.staff.photo,
    passwordHash: t.staff.password,
    tokenHash: t.devices.token,
  };
}

/** A field's name inside a record (a service's name is 名称, not the hall's). */
function fieldLabel(key: string, t: AdminTexts): string {
  if (key === 'name') return t.staff.name;
  const f = fieldNames(t)[key];
  return typeof f === 'string' ? f : key;
}

export function pathLabel(path: string, config: HallConfig | null, t: AdminTexts): string {
  const sections: Record<string, string> = {
    name: t.hall.name,
    nameEn: t.hall.nameEn,
    timeZone: t.hall.timeZone,
    services: t.tabs.services,
    windows: t.tabs.windows,
    staff: t.tabs.staff,
    devices: t.tabs.devices,
    schedule: t.tabs.hours,
    rules: t.rules.rules,
    limits: t.rules.limits,
    screen: t.tabs.screen,
    notices: t.screen.notices,
    printing: t.hall.printing,
  };
  const fields = fieldNames(t);
  // the audit log names list items as services[labor].name
  const parts = path.replace(/\[([^\]]+)\]/g, '.$1').split('.');
  const [head, item, ...rest] = parts;
  if (head === undefined) return path;
  const out = [sections[head] ?? head];
  const list = config ? (config as unknown as Record<string, unknown>)[head] : undefined;
  if (item !== undefined) {
    if (Array.isArray(list)) {
      const found = (list as { id?: string; name?: string }[]).find(
        (x, i) => x.id === item || String(i) === item,
      );
      out.push(found?.name ?? (item === 'order' ? fields.order : item) ?? item);
    } else out.push(typeof fields[item] === 'string' ? fields[item] : item);
  }
  // a section's own names first (a window's name is 窗口名称, a service's 业务名称)
  const own = (
    { windows: t.windows, staff: t.staff, devices: t.devices } as Record<string, object>
  )[head] as Record<string, unknown> | undefined;
  for (const k of rest) {
    const mine = own?.[k];
    out.push(typeof mine === 'string' ? mine : typeof fields[k] === 'string' ? fields[k] : k);
  }
  return out.join(' › ');
}

const SECRET = '[redacted]';

/**
 * A value as the diff and the audit log show it: 是/否, a calendar day as 休 or 班 with its
 * hours, a hidden secret as such, a record by its fields' names, short and on one line.
 */
export function valueLabel(
  path: string,
  v: unknown,
  t: AdminTexts,
  config: HallConfig | null = null,
): string {
  if (v === SECRET) return t.hidden;
  if (v === null) return t.none;
  if (typeof v === 'boolean') return v ? t.yes : t.no;
  if (/overrides(\.|\[)\d{4}-\d{2}-\d{2}\]?$/.test(path) && Array.isArray(v))
    return v.length === 0 ? t.hours.marks.holiday : `${t.hours.marks.makeup} ${v.join(' / ')}`;
  // a window's services by their names
  if (/\.services$/.test(path) && Array.isArray(v) && config)
    return v.map((id) => config.services.find((x) => x.id === id)?.name ?? String(id)).join(' / ');
  if (/\.role$/.test(path) && typeof v === 'string')
    return t.staff.roles[v as keyof typeof t.staff.roles] ?? v;
  if (/\.kind$/.test(path) && typeof v === 'string') return t.devices.kinds[v] ?? v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== SECRET && x !== undefined && (typeof x !== 'object' || x === null))
      .map(([k, x]) => `${fieldLabel(k, t)}：${valueLabel(`${path}.${k}`, x, t, config)}`);
    const text = parts.join('；');
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
  }
  return showValue(v, t.empty);
}
