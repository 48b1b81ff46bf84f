/**
 * Stable error codes of the API (shared/API.md) with their default messages.
 * The server maps every failure to one of these; clients may show `message`
 * or look the code up here to localise it themselves.
 */
export const errorMessages = {
  invalid_request: { status: 400, zh: '请求内容有误', en: 'The request is invalid' },
  unauthorized: { status: 401, zh: '未登录或凭证无效', en: 'Missing or invalid credentials' },
  invalid_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  hall_not_found: { status: 404, zh: '找不到该服务大厅', en: 'Hall not found' },
  service_not_found: { status: 404, zh: '找不到该业务', en: 'Service not found' },
  ticket_not_found: { status: 404, zh: '找不到该号码', en: 'Ticket not found' },
  window_not_found: { status: 404, zh: '找不到该窗口', en: 'Window not found' },
  not_found: { status: 404, zh: '找不到该地址', en: 'No such path' },
  notice_not_found: { status: 404, zh: '找不到该公告', en: 'Notice not found' },
  service_closed: {
    status: 409,
    zh: '该业务当前不在取号时间',
    en: 'This service is not issuing tickets now',
  },
  quota_exhausted: {
    status: 409,
    zh: '该业务今日号源已发完',
    en: "Today's tickets for this service are all taken",
  },
  window_taken: {
    status: 409,
    zh: '该窗口已有其他工作人员签到',
    en: 'Another clerk is signed in at this window',
  },
  clerk_elsewhere: {
    status: 409,
    zh: '您已在其他窗口签到，请先签退',
    en: 'You are signed in at another window; sign out there first',
  },
  window_not_open: { status: 409, zh: '窗口未签到', en: 'The window is not open' },
  window_paused: {
    status: 409,
    zh: '窗口暂停中，请先恢复服务',
    en: 'The window is paused; resume it first',
  },
  window_busy: {
    status: 409,
    zh: '当前号码尚未办结，请先处理',
    en: 'The current ticket is still called or in service',
  },
  not_waiting: { status: 409, zh: '该号码不在等候中', en: 'That ticket is not waiting' },
  not_served_here: {
    status: 409,
    zh: '本窗口不办理该业务',
    en: 'This window does not serve that service',
  },
  nothing_called: {
    status: 409,
    zh: '当前没有已叫的号码',
    en: 'No ticket is called at this window',
  },
  recall_limit: { status: 409, zh: '重呼次数已达上限', en: 'The recall limit is reached' },
  no_show_too_early: {
    status: 409,
    zh: '叫号次数不足，暂不能过号',
    en: 'The ticket has not been called often enough to mark it missed',
  },
  nothing_in_service: {
    status: 409,
    zh: '当前没有正在办理的号码',
    en: 'No ticket is in service at this window',
  },
  not_no_show: {
    status: 409,
    zh: '只有过号的号码可以重新排队',
    en: 'Only a missed ticket can be re-queued',
  },
  transfer_to_self: {
    status: 409,
    zh: '不能转移到本窗口或同一业务',
    en: 'Cannot transfer to the same window or service',
  },
  nothing_to_rate: { status: 409, zh: '当前没有待评价的服务', en: 'There is no service to rate' },
  already_rated: { status: 409, zh: '该服务已评价', en: 'This service was already rated' },
  follow_up_not_found: { status: 404, zh: '找不到该回访任务', en: 'Follow-up not found' },
  alert_not_found: { status: 404, zh: '找不到该告警', en: 'Alert not found' },
  alert_acknowledged: {
    status: 409,
    zh: '该告警已确认',
    en: 'This alert is already acknowledged',
  },
  follow_up_closed: { status: 409, zh: '该回访任务已办结', en: 'This follow-up is already closed' },
  appointment_not_found: {
    status: 404,
    zh: '找不到该预约，请核对预约码',
    en: 'Appointment not found; check the code',
  },
  appointment_not_active: {
    status: 409,
    zh: '该预约已取消、已签到或已过期',
    en: 'This appointment was cancelled, used or missed',
  },
  slot_unavailable: {
    status: 409,
    zh: '该时段不可预约（不是预约时段、已过或超出可预约天数）',
    en: 'This time cannot be booked (not a slot, past, or too far ahead)',
  },
  during_opening_hours: {
    status: 409,
    zh: '延时服务只能约在办公时间以外，办公时间内请预约普通时段',
    en: 'After-hours appointments lie outside opening hours; book a slot instead',
  },
  slot_full: { status: 409, zh: '该时段预约已满，请选择其他时段', en: 'This slot is fully booked' },
  slot_closed: {
    status: 409,
    zh: '该时段已暂停预约',
    en: 'Appointments for this time are closed',
  },
  clerk_not_found: { status: 404, zh: '找不到该工作人员', en: 'Clerk not found' },
  rate_limited: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests; try again shortly',
  },
  too_many_subscriptions: {
    status: 429,
    zh: '此连接关注的大厅过多',
    en: 'This connection follows too many halls',
  },
  device_disabled: {
    status: 403,
    zh: '本机已停用，请联系工作人员',
    en: 'This device has been disabled; please call staff',
  },
  payload_too_large: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  unavailable: {
    status: 503,
    zh: '服务暂不可用，请稍后再试',
    en: 'Service unavailable; try again shortly',
  },
  unsupported_media_type: {
    status: 415,
    zh: '请求内容须为 JSON（Content-Type: application/json）',
    en: 'The request body must be JSON (Content-Type: application/json)',
  },
  method_not_allowed: {
    status: 405,
    zh: '该地址不支持此请求方法',
    en: 'This method is not allowed on this path',
  },
  store_timeout: {
    status: 503,
    zh: '数据存储无响应，请稍后再试',
    en: 'The data store does not answer; try again shortly',
  },
  store_read_only: {
    status: 503,
    zh: '数据存储暂时只读，未作任何更改，请稍后再试',
    en: 'The data store is read-only for now; nothing was changed, try again shortly',
  },
  store_full: {
    status: 503,
    zh: '数据存储空间已满，未作任何更改，请联系管理员',
    en: 'The data store is out of memory; nothing was changed, tell the administrator',
  },
  store_loading: {
    status: 503,
    zh: '数据存储正在启动，请稍后再试',
    en: 'The data store is starting; try again shortly',
  },
  invalid_config: {
    status: 400,
    zh: '配置有误，未作任何更改',
    en: 'The configuration is invalid; nothing was changed',
  },
  config_version_conflict: {
    status: 412,
    zh: '配置已被他人修改，请刷新后再改',
    en: 'Someone else changed the configuration first; reload it and try again',
  },
  precondition_required: {
    status: 428,
    zh: '请带上所修改配置的版本号（If-Match）',
    en: 'Send the version you edited in If-Match',
  },
  staff_not_found: { status: 404, zh: '找不到该工作人员', en: 'Staff member not found' },
  device_not_found: { status: 404, zh: '找不到该设备', en: 'Device not found' },
  photo_not_found: { status: 404, zh: '该工作人员没有照片', en: 'This staff member has no photo' },
  invalid_image: {
    status: 400,
    zh: '照片须为 JPEG 或 PNG 图片，且不超过 512 KB',
    en: 'The photo must be a JPEG or PNG image of at most 512 KiB',
  },
  password_change_required: {
    status: 403,
    zh: '请先修改管理员发给您的临时密码',
    en: 'Change the one-time password you were given first',
  },
  weak_password: {
    status: 400,
    zh: '新密码至少 8 位，且不能与原密码相同',
    en: 'The new password needs at least 8 characters and must differ from the old one',
  },
  internal_error: { status: 500, zh: '系统内部错误', en: 'Internal error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;
export const errorCodes = Object.keys(errorMessages) as ErrorCode[];
