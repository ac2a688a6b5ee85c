import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** `idempotency_keys`: responses of POST requests sent with an Idempotency-Key (common/idempotency). */
export class CreateIdempotencyKeys1763833800000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1763833800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "idempotency_keys" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "key" character varying(255) NOT NULL,
        "method" character varying(16) NOT NULL,
        "path" character varying(2048) NOT NULL,
        "request_hash" character(64) NOT NULL,
        "response_status" smallint,
        "response_body" jsonb,
        "response_headers" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_idempotency_keys_key_method_path" UNIQUE ("key", "method", "path"),
        CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_keys_created_at" ON "idempotency_keys" ("created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_created_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
