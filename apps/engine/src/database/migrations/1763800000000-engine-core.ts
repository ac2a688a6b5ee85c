import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The engine core schema: definitions, units, dossiers (with their daily code sequence), tasks,
 * jobs and the append-only history. Generated from the entities, plus the history guard trigger.
 */
export class EngineCore1763800000000 implements MigrationInterface {
  name = 'EngineCore1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "definitions" ("id" uuid NOT NULL, "key" character varying(100) NOT NULL, "version" integer NOT NULL, "name" character varying(500) NOT NULL, "procedure_code" character varying(50), "legal_time_limit" character varying(20), "status" character varying(10) NOT NULL, "xml" text NOT NULL, "checksum" character(64) NOT NULL, "graph" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7150abc574293b2a1063b0ed7bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "definitions_one_published_uq" ON "definitions"  ("key") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "definitions_key_version_uq" ON "definitions"  ("key", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dossiers" ("id" uuid NOT NULL, "code" character varying(60) NOT NULL, "definition_id" uuid NOT NULL, "definition_key" character varying(100) NOT NULL, "definition_version" integer NOT NULL, "status" character varying(12) NOT NULL, "receiving_unit" character varying(50) NOT NULL, "channel" character varying(10) NOT NULL DEFAULT 'desk', "applicant" jsonb NOT NULL, "state" jsonb NOT NULL, "variables" jsonb NOT NULL DEFAULT '{}'::jsonb, "parent_id" uuid, "parent_call_id" uuid, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d84a24a9d2c52ec01142de45e42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "dossiers_code_uq" ON "dossiers"  ("code") `);
    await queryRunner.query(`CREATE INDEX "dossiers_parent_idx" ON "dossiers"  ("parent_id") `);
    await queryRunner.query(
      `CREATE INDEX "dossiers_status_created_idx" ON "dossiers"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dossier_sequences" ("unit_code" character varying(50) NOT NULL, "day" date NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_31ecc839fef7907ea2a4bab34d7" PRIMARY KEY ("unit_code", "day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tasks" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "token_id" uuid NOT NULL, "node_id" character varying(200) NOT NULL, "name" character varying(500), "kind" character varying(10) NOT NULL, "status" character varying(10) NOT NULL, "unit" character varying(50), "candidate_role" character varying(20), "allotted_time" character varying(20), "topic" character varying(200), "retries" integer, "form" jsonb NOT NULL DEFAULT '[]'::jsonb, "loop_index" integer, "loop_total" integer, "local_variables" jsonb NOT NULL DEFAULT '{}'::jsonb, "result" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" character varying(200), CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_topic_active_idx" ON "tasks"  ("topic", "created_at") WHERE status = 'active' AND kind = 'external'`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_unit_status_idx" ON "tasks"  ("unit", "status", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "tasks_dossier_idx" ON "tasks"  ("dossier_id") `);
    await queryRunner.query(
      `CREATE TABLE "jobs" ("id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "dossier_id" uuid, "node_id" character varying(200), "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "failed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "jobs_dossier_idx" ON "jobs"  ("dossier_id") `);
    await queryRunner.query(`CREATE INDEX "jobs_due_idx" ON "jobs"  ("due_at") WHERE failed_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "history_events" ("id" BIGSERIAL NOT NULL, "dossier_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" character varying(40) NOT NULL, "node_id" character varying(200), "task_id" uuid, "actor" character varying(200), "data" jsonb, CONSTRAINT "PK_37efb8ff48b1d3943482ecc57b6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "history_dossier_idx" ON "history_events"  ("dossier_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "units" ("code" character varying(50) NOT NULL, "e_identifier" character varying(50) NOT NULL, "name" character varying(300) NOT NULL, "level" character varying(20) NOT NULL, "parent_code" character varying(50), "valid_from" date, "valid_to" date, CONSTRAINT "PK_47635c1ab22d02fc3ebae3608b8" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dossiers" ADD CONSTRAINT "FK_b987179430e195b27f9a5c100dd" FOREIGN KEY ("definition_id") REFERENCES "definitions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dossiers" ADD CONSTRAINT "FK_3ab77b58b8f68f8c89d256f4d5d" FOREIGN KEY ("parent_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_6c260461a2f05c4ed29bb05aa0b" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "jobs" ADD CONSTRAINT "FK_224d7835e4500ee0e0fab2a6e49" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "history_events" ADD CONSTRAINT "FK_ee62dd772c9f90f02bb42921623" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // History is evidence (who did what when, and on-time statistics): it can only be appended to.
    await queryRunner.query(`CREATE FUNCTION lt_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER history_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "history_events" FOR EACH STATEMENT EXECUTE FUNCTION lt_history_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER history_events_append_only ON "history_events"`);
    await queryRunner.query(`DROP FUNCTION lt_history_append_only()`);
    await queryRunner.query(`ALTER TABLE "history_events" DROP CONSTRAINT "FK_ee62dd772c9f90f02bb42921623"`);
    await queryRunner.query(`ALTER TABLE "jobs" DROP CONSTRAINT "FK_224d7835e4500ee0e0fab2a6e49"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_6c260461a2f05c4ed29bb05aa0b"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP CONSTRAINT "FK_3ab77b58b8f68f8c89d256f4d5d"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP CONSTRAINT "FK_b987179430e195b27f9a5c100dd"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP INDEX "public"."history_dossier_idx"`);
    await queryRunner.query(`DROP TABLE "history_events"`);
    await queryRunner.query(`DROP INDEX "public"."jobs_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."jobs_dossier_idx"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_dossier_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_unit_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_topic_active_idx"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP TABLE "dossier_sequences"`);
    await queryRunner.query(`DROP INDEX "public"."dossiers_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dossiers_parent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dossiers_code_uq"`);
    await queryRunner.query(`DROP TABLE "dossiers"`);
    await queryRunner.query(`DROP INDEX "public"."definitions_key_version_uq"`);
    await queryRunner.query(`DROP INDEX "public"."definitions_one_published_uq"`);
    await queryRunner.query(`DROP TABLE "definitions"`);
  }
}
