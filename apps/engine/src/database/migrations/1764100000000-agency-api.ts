import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The agency API: locks, failures and incidents of external tasks (fetch-and-lock), messages kept until
 * their dossier waits for them (buffered_messages), and dossiers' numbers in other systems (external_ref).
 */
export class AgencyApi1764100000000 implements MigrationInterface {
  name = 'AgencyApi1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "buffered_messages" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "variables" jsonb NOT NULL DEFAULT '{}', "message_id" character varying(200), "sender" character varying(200) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_12499e51148c99ce69070330ab3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "buffered_messages_expiry_idx" ON "buffered_messages"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "buffered_messages_dossier_idx" ON "buffered_messages"  ("dossier_id", "name") `,
    );
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "external_ref" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "worker_id" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "lock_expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "error_message" character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "error_details" text`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "retry_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "incident_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "dossiers_external_ref_idx" ON "dossiers"  ("external_ref") WHERE external_ref IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_incident_idx" ON "tasks"  ("incident_at") WHERE incident_at IS NOT NULL AND status = 'active'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."tasks_incident_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dossiers_external_ref_idx"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "incident_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "retry_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "error_details"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "error_message"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "lock_expires_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "worker_id"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "external_ref"`);
    await queryRunner.query(`DROP INDEX "public"."buffered_messages_dossier_idx"`);
    await queryRunner.query(`DROP INDEX "public"."buffered_messages_expiry_idx"`);
    await queryRunner.query(`DROP TABLE "buffered_messages"`);
  }
}
