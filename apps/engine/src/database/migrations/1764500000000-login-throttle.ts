import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** `login_throttle`: the sign-in rate limit's counters, shared by every engine process on the database. */
export class LoginThrottle1764500000000 implements MigrationInterface {
  name = 'LoginThrottle1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" character varying(128) NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_login_throttle" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_throttle_window_idx" ON "login_throttle" ("window_ends_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "login_throttle_window_idx"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
