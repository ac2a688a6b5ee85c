import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** `reception_guidance`: supplement guidances given at the desk (not received dossiers). */
export class ReceptionGuidance1764610000000 implements MigrationInterface {
  name = 'ReceptionGuidance1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reception_guidance" ("id" uuid NOT NULL, "code" character varying(70) NOT NULL, "receiving_unit" character varying(50) NOT NULL, "day" date NOT NULL, "number" integer NOT NULL, "definition_key" character varying(100) NOT NULL, "procedure_name" character varying(500) NOT NULL, "applicant" jsonb NOT NULL, "items" jsonb NOT NULL, "contact" character varying(500), "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_reception_guidance" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reception_guidance_unit_created_idx" ON "reception_guidance" ("receiving_unit", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reception_guidance_number_uq" ON "reception_guidance" ("receiving_unit", "day", "number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reception_guidance_code_uq" ON "reception_guidance" ("code") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "reception_guidance_code_uq"`);
    await queryRunner.query(`DROP INDEX "reception_guidance_number_uq"`);
    await queryRunner.query(`DROP INDEX "reception_guidance_unit_created_idx"`);
    await queryRunner.query(`DROP TABLE "reception_guidance"`);
  }
}
