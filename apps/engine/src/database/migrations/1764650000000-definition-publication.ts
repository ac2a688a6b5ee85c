import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Versions carry who deployed and published them, the legal decision that published them (số, ngày
 * quyết định công bố) and the day they take effect (Vietnam time; none: from their publication, which
 * is what the versions published before this migration get). Several versions of a key may be
 * published at once (one taking effect later): the one-published index gives way to a lookup index.
 */
export class DefinitionPublication1764650000000 implements MigrationInterface {
  name = 'DefinitionPublication1764650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "definitions_one_published_uq"`);
    await queryRunner.query(
      `ALTER TABLE "definitions" ADD "created_by" character varying(200), ADD "published_by" character varying(200), ADD "decision_number" character varying(100), ADD "decision_date" date, ADD "effective_from" date`,
    );
    await queryRunner.query(
      `CREATE INDEX "definitions_in_effect_idx" ON "definitions" ("key", "effective_from") WHERE status = 'published'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "definitions_in_effect_idx"`);
    // Only the version in effect stays published.
    await queryRunner.query(
      `UPDATE "definitions" d SET "status" = 'retired', "retired_at" = now()
        WHERE d.status = 'published' AND EXISTS (
          SELECT 1 FROM "definitions" o WHERE o.key = d.key AND o.status = 'published'
             AND (COALESCE(o.effective_from, (o.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date), o.version)
               > (COALESCE(d.effective_from, (d.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date), d.version))`,
    );
    await queryRunner.query(
      `ALTER TABLE "definitions" DROP COLUMN "effective_from", DROP COLUMN "decision_date", DROP COLUMN "decision_number", DROP COLUMN "published_by", DROP COLUMN "created_by"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "definitions_one_published_uq" ON "definitions" ("key") WHERE status = 'published'`,
    );
  }
}
