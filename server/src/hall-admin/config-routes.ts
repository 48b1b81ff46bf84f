import {
  AuditLog,
  HallConfigDocument,
  HallConfigFields,
  HallConfigPut,
  Slug,
} from '@hall/protocol';
import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { ReportService } from '../reports/report-service.js';
import { readAuditLog } from './audit-log.js';
import { configFor, versionOf, type ConfigService } from './config-service.js';
import { requireAdmin } from './staff-admin.js';

const HallParams = z.object({
  hallId: Slug.meta({ param: { description: 'hall id, e.g. demo' } }),
});
const ExportQuery = z.object({ format: z.enum(['yaml', 'json']).default('yaml') });
const Instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date or time')
  .meta({ example: '2026-11-30T00:00:00+08:00' });
const AuditQuery = z.object({
  from: Instant.optional().meta({ description: 'default: 7 days ago' }),
  to: Instant.optional().meta({ description: 'default: now' }),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** Supervisors and admins of the hall; clerks and devices are refused. */
function requireSupervisor(principal: Principal | null): Principal {
  if (!principal) throw new ApiError('unauthorized');
  if (principal.kind !== 'staff' || principal.user.role === 'clerk')
    throw new ApiError('forbidden');
  return principal;
}

const errors = ['unauthorized', 'forbidden', 'hall_not_found'] as const;

/** The hall's configuration: read, replace (If-Match), export as a hall file, the audit log. */
export function configRoutes(
  config: ConfigService,
  reports: Map<string, ReportService> | null | undefined,
  now: () => number,
): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/config',
      summary:
        "The hall's configuration (the hall file's schema) with its version, also the ETag; supervisors see no hashes",
      tags: ['config'],
      access: 'staff',
      params: HallParams,
      responses: { 200: { description: 'the configuration', schema: HallConfigDocument } },
      errors: [...errors],
      handler: async ({ params, principal }) => {
        const who = requireSupervisor(principal);
        const { version, config: c } = await config.read(params.hallId);
        return {
          status: 200,
          body: { version, config: configFor(who, c) },
          headers: { ETag: `"${version}"`, 'Cache-Control': 'no-store' },
        };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/halls/{hallId}/config',
      summary:
        'Replace the configuration (If-Match: the version read); applied live on every node. Supervisors: notices, hours and limits only',
      tags: ['config'],
      access: 'staff',
      params: HallParams,
      body: HallConfigPut,
      validateBody: false,
      bodyLimit: '1mb',
      responses: { 200: { description: 'the new version', schema: HallConfigDocument } },
      errors: [...errors, 'invalid_config', 'config_version_conflict', 'precondition_required'],
      handler: async ({ params, principal, body, req, lang }) => {
        const who = requireSupervisor(principal);
        const expected = versionOf(req.headers['if-match']);
        if (expected === null) throw new ApiError('precondition_required');
        const r = await config.replace(params.hallId, who, expected, body, lang);
        return {
          status: 200,
          body: { version: r.version, config: configFor(who, r.config) },
          headers: { ETag: `"${r.version}"` },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/config/export',
      summary:
        'The configuration as a hall file (YAML or JSON) that starts an identical hall; device tokens as their hashes (admins)',
      tags: ['config'],
      access: 'staff',
      params: HallParams,
      query: ExportQuery,
      responses: {
        200: {
          description: 'the hall file (YAML, or JSON with format=json)',
          schema: HallConfigFields,
          contentTypes: ['application/yaml'],
        },
      },
      errors: [...errors, 'invalid_request'],
      handler: async ({ params, principal, query }) => {
        requireAdmin(principal);
        const { version, config: c } = await config.read(params.hallId);
        const stamp = new Date(now()).toISOString();
        const data =
          query.format === 'json'
            ? `${JSON.stringify(c, null, 2)}\n`
            : `# ${c.name} (${c.id}) · 配置版本 version ${version} · 导出于 exported ${stamp}\n` +
              `# 以此文件启动新大厅，或以 CONFIG_FROM_FILE=replace 恢复本大厅\n${toYaml(c)}`;
        return {
          status: 200,
          file: {
            contentType:
              query.format === 'json'
                ? 'application/json; charset=utf-8'
                : 'application/yaml; charset=utf-8',
            filename: `${c.id}.${query.format}`,
            data: Buffer.from(data, 'utf8'),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/audit',
      summary:
        'The audit log: configuration changes with their diffs (hashes redacted) and staff actions that bend the rules (指定叫号, transfer, re-queue, takeover, idle sign-out, follow-up closed)',
      tags: ['config'],
      access: 'staff',
      params: HallParams,
      query: AuditQuery,
      responses: { 200: { description: 'oldest first', schema: AuditLog } },
      errors: [...errors, 'invalid_request'],
      handler: async ({ params, principal, query }) => {
        requireSupervisor(principal);
        const live = config.live(params.hallId);
        const to = query.to ? Date.parse(query.to) : now();
        const from = query.from ? Date.parse(query.from) : to - 7 * 86_400_000;
        if (from > to) throw new ApiError('invalid_request', { field: 'from' });
        const entries = await readAuditLog(
          config.redis,
          params.hallId,
          live.current.timeZone,
          { from, to, limit: query.limit },
          reports?.get(params.hallId)?.history ?? null,
        );
        return { status: 200, body: { entries } };
      },
    }),
  ];
}
