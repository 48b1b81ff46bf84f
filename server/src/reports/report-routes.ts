import {
  Attendance,
  AttendanceQuery,
  CaseList,
  CaseQuery,
  Ranking,
  RankingQuery,
  Report,
  ReportQuery,
  Slug,
  type ErrorCode,
  type ReportBy,
} from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import {
  attendanceWorkbook,
  casesWorkbook,
  rankingWorkbook,
  reportCsv,
  reportWorkbook,
} from './report-export.js';
import type { ReportService } from './report-service.js';

const HallParams = z.object({ hallId: Slug });
const errors: ErrorCode[] = ['invalid_request', 'unauthorized', 'forbidden', 'hall_not_found'];
const BREAKDOWNS: ReportBy[] = ['hall', 'service', 'window', 'clerk'];

/** Reports are for the hall's supervisors and admins. */
function supervisorOnly(principal: Principal | null, hallId: string): void {
  if (!principal) throw new ApiError('unauthorized');
  if (principal.hallId !== hallId || principal.kind !== 'staff') throw new ApiError('forbidden');
  if (principal.user.role !== 'supervisor' && principal.user.role !== 'admin') {
    throw new ApiError('forbidden');
  }
}

/** GET reports, cases (台帐), ranking (流动红旗) and attendance, JSON or Excel/CSV. */
export function reportRoutes(reports: Map<string, ReportService>): RouteDef[] {
  const of = (hallId: string, principal: Principal | null): ReportService => {
    const r = reports.get(hallId);
    if (!r) throw new ApiError('hall_not_found');
    supervisorOnly(principal, hallId);
    return r;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/reports',
      summary:
        'Statistics for a period (hall-local dates, inclusive) by hall, service, window or clerk; ' +
        'format=xlsx gives a workbook with every breakdown, format=csv the chosen one (UTF-8 with BOM)',
      tags: ['reports'],
      access: 'staff',
      params: HallParams,
      query: ReportQuery,
      responses: {
        200: { description: 'the report (or the xlsx/csv file)', schema: Report },
      },
      errors,
      handler: async ({ params, query, principal, lang }) => {
        const r = of(params.hallId, principal);
        if (query.format === 'xlsx') {
          const order = [query.by, ...BREAKDOWNS.filter((b) => b !== query.by)];
          const all = [];
          for (const by of order) all.push(await r.report(query.from, query.to, by));
          return { status: 200, file: await reportWorkbook(all) };
        }
        // the files have Chinese headers: Chinese names too
        const report = await r.report(
          query.from,
          query.to,
          query.by,
          query.format === 'csv' ? 'zh' : lang,
        );
        if (query.format === 'csv') return { status: 200, file: reportCsv(report) };
        return { status: 200, body: report };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/cases',
      summary:
        "The ledger (台帐) of a business day: every ticket's case, paged; format=xlsx: all of them",
      tags: ['reports'],
      access: 'staff',
      params: HallParams,
      query: CaseQuery,
      responses: { 200: { description: 'the cases', schema: CaseList } },
      errors,
      handler: async ({ params, query, principal }) => {
        const r = of(params.hallId, principal);
        const cases = await r.cases(query.date, query);
        if (query.format === 'xlsx') {
          return { status: 200, file: await casesWorkbook(r.hall, query.date, cases) };
        }
        const start = (query.page - 1) * query.pageSize;
        return {
          status: 200,
          body: {
            date: query.date,
            total: cases.length,
            page: query.page,
            pageSize: query.pageSize,
            cases: cases.slice(start, start + query.pageSize),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/ranking',
      summary: "The month's 流动红旗 ranking of windows and clerks, each part of the score shown",
      tags: ['reports'],
      access: 'staff',
      params: HallParams,
      query: RankingQuery,
      responses: { 200: { description: 'the ranking', schema: Ranking } },
      errors,
      handler: async ({ params, query, principal, lang }) => {
        const r = of(params.hallId, principal);
        const ranking = await r.ranking(query.month, query.format === 'xlsx' ? 'zh' : lang);
        if (query.format === 'xlsx') {
          return { status: 200, file: await rankingWorkbook(r.hall, ranking) };
        }
        return { status: 200, body: ranking };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/attendance',
      summary: "Each clerk's sign-ins, sign-outs, pauses and handovers as the system saw them",
      tags: ['reports'],
      access: 'staff',
      params: HallParams,
      query: AttendanceQuery,
      responses: { 200: { description: 'attendance', schema: Attendance } },
      errors,
      handler: async ({ params, query, principal }) => {
        const r = of(params.hallId, principal);
        const attendance = await r.attendance(query.from, query.to);
        if (query.format === 'xlsx') {
          return { status: 200, file: await attendanceWorkbook(r.hall, attendance) };
        }
        return { status: 200, body: attendance };
      },
    }),
  ];
}
