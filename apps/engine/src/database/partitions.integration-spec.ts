import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import type { DossierDto } from '@lienthong/contracts';
import { startTestApp, type TestApp } from '../testing/test-app';
import { DataSource } from 'typeorm';
import { Db } from './db.service';
import { MonthlyPartitions1764700000000 } from './migrations/1764700000000-monthly-partitions';
import { HistoryPerCommand1764810000000 } from './migrations/1764810000000-history-per-command';
import { ensurePartitions, partitionsOf } from './partitions.repository';
import { MONTHS_AHEAD, PartitionsService } from './partitions.service';

jest.setTimeout(60_000);

const APPEND_ONLY = ['history', 'audit_log', 'deadline_events'];
const monthName = (table: string, at: Date) =>
  `${table}_${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, '0')}`;

const PROCESS = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiep_nhan" name="Tiếp nhận" lt:unit="DTP-TTHCC" lt:candidateRole="reception"/>
   <endEvent id="e"/>${chain('s', 'tiep_nhan', 'e')}`,
  { id: 'ghi-so', attrs: 'lt:receivingUnit="DTP-TTHCC" lt:legalTimeLimit="5d"' },
);

describe('month partitions of the append-only tables (ADR 0011)', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp({ config: { tenantCode: '87' } });
    db = t.app.get(Db);
    const deployed = await t.api.post<{ version: number }>('/definitions', PROCESS);
    await t.api.post(`/definitions/ghi-so/versions/${deployed.body.version}/publish`);
  });
  const receive = async (name: string) =>
    (await t.api.post<DossierDto>('/dossiers', { definitionKey: 'ghi-so', applicant: { name } })).body;
  afterAll(async () => {
    await t?.close();
  });

  it('the engine created this month and the next ones at startup, with a DEFAULT partition', async () => {
    const now = new Date();
    for (const table of APPEND_ONLY) {
      const names = (await partitionsOf(db.query, table)).map((p) => p.name);
      expect(names).toContain(`${table}_default`);
      for (let ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
        const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 15));
        expect(names).toContain(monthName(table, month));
      }
    }
    // and a second run creates nothing
    expect(await t.app.get(PartitionsService).ensure()).toBe(0);
  });

  it('a row dated past the created months lands in DEFAULT, and moves to its month when that month is created', async () => {
    // given a dossier, and a history row dated two years ahead
    const dossier = await receive('Lê Văn Bảy');
    const far = new Date(Date.UTC(new Date().getUTCFullYear() + 2, 6, 10));
    await t.query(
      `INSERT INTO history (dossier_id, at, actor, events) VALUES ($1, $2, 'test', '[{"type": "note"}]')`,
      [dossier.id, far],
    );
    const where = async () =>
      (await t.query(
        `SELECT tableoid::regclass::text AS partition FROM history WHERE dossier_id = $1 AND at = $2`,
        [dossier.id, far],
      )) as { partition: string }[];
    expect(await where()).toEqual([{ partition: 'history_default' }]);

    // when the partitions up to that month are created
    const made = await ensurePartitions(db.query, far, 0);

    // then the row is in its month's partition, and still read with the dossier's history
    expect(made).toBeGreaterThan(0);
    expect(await where()).toEqual([{ partition: monthName('history', far) }]);
    const history = (await t.query(
      `SELECT type FROM history_events WHERE dossier_id = $1 ORDER BY history_id, n`,
      [dossier.id],
    )) as { type: string }[];
    expect(history.map((h) => h.type)).toContain('note');
  });

  it('engines creating the same partitions at once create each once', async () => {
    // given three more months nobody created yet
    const from = new Date(Date.UTC(new Date().getUTCFullYear() + 5, 0, 10));
    // when five connections create them at the same time
    const made = await Promise.all(Array.from({ length: 5 }, () => ensurePartitions(db.query, from, 2)));
    // then 3 months × 3 tables were created, once
    expect(made.reduce((a, b) => a + b, 0)).toBe(9);
    for (const table of APPEND_ONLY) {
      const names = (await partitionsOf(db.query, table)).map((p) => p.name);
      expect(names.filter((n) => n.startsWith(`${table}_${from.getUTCFullYear()}_`))).toHaveLength(3);
    }
  });

  it('a partition named directly is append-only too', async () => {
    const month = monthName('audit_log', new Date());
    await expect(t.query(`DELETE FROM "${month}"`)).rejects.toThrow(/append-only/);
    await expect(t.query(`UPDATE "${month}" SET outcome = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.query(`TRUNCATE "${month}"`)).rejects.toThrow(/append-only/);
    await expect(t.query(`DELETE FROM history_default`)).rejects.toThrow(/append-only/);
  });

  it('every row carries the province of the engine that wrote it (TENANT_CODE)', async () => {
    const dossier = await receive('Trần Thị Tám');
    const rows = (await t.query(
      `SELECT (SELECT tenant_code FROM dossiers WHERE id = $1) AS dossier,
              (SELECT array_agg(DISTINCT tenant_code) FROM tasks WHERE dossier_id = $1) AS tasks,
              (SELECT array_agg(DISTINCT tenant_code) FROM history_events WHERE dossier_id = $1) AS history,
              (SELECT array_agg(DISTINCT tenant_code) FROM audit_log WHERE dossier_id = $1) AS audit`,
      [dossier.id],
    )) as unknown[];
    expect(rows).toEqual([{ dossier: '87', tasks: ['87'], history: ['87'], audit: ['87'] }]);
    // and every table has the column
    const missing = await t.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_code')`,
    );
    expect(missing).toEqual([]);
  });

  it('the migration converts tables holding rows, and back, keeping every row where it was', async () => {
    // given a database with history, audit and deadline rows (those of the tests above)
    await receive('Phạm Văn Chín');
    const snapshot = async () =>
      (await t.query(
        `SELECT (SELECT md5(string_agg((h.dossier_id, h.at, h.actor, h.events)::text, ',' ORDER BY h.dossier_id, h.id)) FROM history h) AS history,
                (SELECT md5(string_agg(a::text, ',' ORDER BY id)) FROM audit_log a) AS audit,
                (SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM deadline_events e) AS deadlines,
                (SELECT count(*)::int FROM history) AS rows`,
      )) as { rows: number }[];
    const before = await snapshot();
    expect(before[0]?.rows).toBeGreaterThan(0);
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      // when the migration is reverted, then run again, on it (and the history's later change with it)
      await runner.startTransaction();
      await new HistoryPerCommand1764810000000().down(runner);
      await new MonthlyPartitions1764700000000().down(runner);
      const plain = (await runner.query(
        `SELECT relkind::text FROM pg_class WHERE relname IN ('history_events', 'audit_log', 'deadline_events')`,
      )) as { relkind: string }[];
      await new MonthlyPartitions1764700000000().up(runner);
      await new HistoryPerCommand1764810000000().up(runner);
      await runner.commitTransaction();
      expect(plain.map((r) => r.relkind)).toEqual(['r', 'r', 'r']);
    } finally {
      await runner.release();
    }

    // then the same rows are there, in month partitions, and the ids go on from the same sequence
    expect(await snapshot()).toEqual(before);
    expect(await t.query(`SELECT count(*)::int AS n FROM history_default`)).toEqual([{ n: 0 }]);
    const next = await receive('Võ Thị Mười');
    const ids = (await t.query(`SELECT max(id)::bigint AS id FROM history WHERE dossier_id <> $1`, [
      next.id,
    ])) as { id: string }[];
    const mine = (await t.query(`SELECT min(id)::bigint AS id FROM history WHERE dossier_id = $1`, [
      next.id,
    ])) as { id: string }[];
    expect(BigInt(mine[0]!.id)).toBeGreaterThan(BigInt(ids[0]!.id));
  });
});
