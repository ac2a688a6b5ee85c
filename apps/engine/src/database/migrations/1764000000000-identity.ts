import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * People, units and rights: users with their roles in one unit, sign-in sessions (rotating refresh
 * tokens), API keys of agency systems, the append-only audit log (a trigger refuses UPDATE, DELETE and
 * TRUNCATE), step assignment (tasks.assignee) and unit mergers (units.merged_into).
 */
export class Identity1764000000000 implements MigrationInterface {
  name = 'Identity1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "username" character varying(100) NOT NULL, "display_name" character varying(200) NOT NULL, "unit_code" character varying(50) NOT NULL, "password_hash" text, "oidc_subject" character varying(200), "active" boolean NOT NULL DEFAULT true, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "users_unit_idx" ON "users"  ("unit_code") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users"  ("oidc_subject") WHERE oidc_subject IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_username_key" ON "users"  ("username") `);
    await queryRunner.query(
      `CREATE TABLE "user_roles" ("user_id" uuid NOT NULL, "role" character varying(20) NOT NULL, CONSTRAINT "PK_09d115a69b6014d324d592f9c42" PRIMARY KEY ("user_id", "role"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "refresh_hash" character(64) NOT NULL, "previous_refresh_hash" character(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(50), "ip" character varying(64), "user_agent" character varying(300), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "sessions_revoked_idx" ON "sessions"  ("revoked_at") WHERE revoked_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "sessions_user_idx" ON "sessions"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sessions_refresh_hash_key" ON "sessions"  ("refresh_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character(64) NOT NULL, "unit_code" character varying(50) NOT NULL, "roles" text array NOT NULL, "topics" text array, "message_names" text array, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"  ("prefix") `);
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_kind" character varying(10) NOT NULL, "actor_id" character varying(200) NOT NULL, "unit_code" character varying(50), "action" character varying(60) NOT NULL, "method" character varying(10) NOT NULL, "path" character varying(500) NOT NULL, "target_type" character varying(20), "target_id" character varying(200), "dossier_id" uuid, "status" integer NOT NULL, "outcome" character varying(10) NOT NULL, "ip" character varying(64), "request_id" character varying(100), "detail" character varying(500), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_dossier_idx" ON "audit_log"  ("dossier_id") WHERE dossier_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "audit_log_actor_idx" ON "audit_log"  ("actor_id", "at") `);
    await queryRunner.query(`CREATE INDEX "audit_log_at_idx" ON "audit_log"  ("at") `);
    // The audit log is evidence: the application can only append to it.
    await queryRunner.query(`CREATE FUNCTION lt_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION lt_audit_log_append_only()`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "assignee" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "assigned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "units" ADD "merged_into" character varying(50)`);
    await queryRunner.query(
      `ALTER TABLE "units" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`CREATE INDEX "units_parent_idx" ON "units"  ("parent_code") `);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_31d0b1a58a1f8bfdd187edfe4e5" FOREIGN KEY ("unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_roles" ADD CONSTRAINT "FK_87b8888186ca9769c960e926870" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_3f179d5add29bc046e195f954ae" FOREIGN KEY ("unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_3f179d5add29bc046e195f954ae"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await queryRunner.query(`ALTER TABLE "user_roles" DROP CONSTRAINT "FK_87b8888186ca9769c960e926870"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_31d0b1a58a1f8bfdd187edfe4e5"`);
    await queryRunner.query(`DROP INDEX "public"."units_parent_idx"`);
    await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "merged_into"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "assigned_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "assignee"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_actor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_dossier_idx"`);
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION lt_audit_log_append_only()`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_prefix_key"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_refresh_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_revoked_idx"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "user_roles"`);
    await queryRunner.query(`DROP INDEX "public"."users_username_key"`);
    await queryRunner.query(`DROP INDEX "public"."users_oidc_subject_key"`);
    await queryRunner.query(`DROP INDEX "public"."users_unit_idx"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
