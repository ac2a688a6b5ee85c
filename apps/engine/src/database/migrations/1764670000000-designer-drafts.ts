import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** `designer_drafts`: the process designer's drafts, saved on the server with a revision. */
export class DesignerDrafts1764670000000 implements MigrationInterface {
  name = 'DesignerDrafts1764670000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "designer_drafts" ("id" uuid NOT NULL, "definition_key" character varying(100) NOT NULL, "name" character varying(300) NOT NULL, "xml" text NOT NULL, "revision" integer NOT NULL, "base_version" integer, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" character varying(200) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_designer_drafts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "designer_drafts_key_idx" ON "designer_drafts" ("definition_key", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "designer_drafts_updated_idx" ON "designer_drafts" ("updated_at", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "designer_drafts_updated_idx"`);
    await queryRunner.query(`DROP INDEX "designer_drafts_key_idx"`);
    await queryRunner.query(`DROP TABLE "designer_drafts"`);
  }
}
