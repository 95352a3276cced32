import { describe, expect, it } from 'vitest';
import {
  exportObservations,
  MemberNotVisibleError,
  observationSearchSchema,
} from '../../../../shared/domain/fhir/export-observations.js';
import type { Member } from '../../../../shared/domain/member.js';
import type { ExportAuditRecord } from '../../../../shared/domain/ports/export-audit-log.js';
import type { ReadingStore } from '../../../../shared/domain/ports/reading-store.js';
import { teamStaffAccess } from '../../../../shared/domain/teams/team-staff-access.js';

const member: Member = {
  memberId: 'm-abc',
  name: 'Sam',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
  teamId: 'team-north',
};
const access = teamStaffAccess({ getMember: async (id) => (id === member.memberId ? member : undefined) });

const setUp = () => {
  const queries: Parameters<ReadingStore['listRange']>[0][] = [];
  const audit: ExportAuditRecord[] = [];
  const deps = {
    access,
    readings: {
      put: async () => 'stored' as const,
      listRange: async (query: (typeof queries)[number]) => {
        queries.push(query);
        return [];
      },
    },
    audit: { record: async (entry: ExportAuditRecord) => void audit.push(entry) },
    clock: { now: () => new Date('2026-08-01T10:00:00.000Z') },
    baseUrl: 'https://relay.example.org',
  };
  return { deps, queries, audit };
};

describe('team staff access', () => {
  it('lets staff see members of their own teams only, and nobody see a member without a team', async () => {
    expect(await access.canViewMember({ staffId: 's', teamIds: ['team-east', 'team-north'] }, 'm-abc')).toBe(
      true,
    );
    expect(await access.canViewMember({ staffId: 's', teamIds: ['team-south'] }, 'm-abc')).toBe(false);
    expect(await access.canViewMember({ staffId: 's', teamIds: ['team-north'] }, 'm-unknown')).toBe(false);
    const teamless = teamStaffAccess({ getMember: async () => ({ ...member, teamId: undefined }) });
    expect(await teamless.canViewMember({ staffId: 's', teamIds: [] }, 'm-abc')).toBe(false);
  });
});

describe('exporting observations', () => {
  it('reads only the metrics of the requested codes, in the date range, and audits who asked', async () => {
    const { deps, queries, audit } = setUp();
    await exportObservations(
      {
        principal: { staffId: 'alex', teamIds: ['team-north'] },
        search: {
          subject: 'Patient/m-abc',
          date: ['ge2026-07-01', 'le2026-07-31T12:00:00+01:00'],
          code: ['http://loinc.org|59408-5'],
        },
        selfUrl: 'https://relay.example.org/fhir/R4/Observation?subject=m-abc',
      },
      deps,
    );
    const range = { from: '2026-07-01T00:00:00.000Z', to: '2026-07-31T11:00:00.000Z' };
    expect(queries).toEqual([
      { memberId: 'm-abc', metric: 'oxygen-saturation', ...range },
      { memberId: 'm-abc', metric: 'daily-oxygen-saturation', ...range },
    ]);
    expect(audit).toEqual([
      {
        memberId: 'm-abc',
        staffId: 'alex',
        at: '2026-08-01T10:00:00.000Z',
        what: 'fhir-r4-observations',
        query: { ...range, codes: ['59408-5'] },
        resourceCount: 0,
      },
    ]);
  });

  it('refuses another team’s member before reading or auditing anything', async () => {
    const { deps, queries, audit } = setUp();
    await expect(
      exportObservations(
        {
          principal: { staffId: 'blake', teamIds: ['team-south'] },
          search: { subject: 'm-abc' },
          selfUrl: 'x',
        },
        deps,
      ),
    ).rejects.toBeInstanceOf(MemberNotVisibleError);
    expect(queries).toEqual([]);
    expect(audit).toEqual([]);
  });

  it.each([
    [{ subject: '' }, 'subject is required'],
    [{ subject: 'm-abc', date: ['2026-07-01'] }, 'date must be ge<date> or le<date>'],
    [{ subject: 'm-abc', code: ['8480-6'] }, 'code must be one of'],
  ])('refuses the search %j with a message that says what to change', (search, message) => {
    const parsed = observationSearchSchema.safeParse(search);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join('; ')).toContain(message);
  });
});
