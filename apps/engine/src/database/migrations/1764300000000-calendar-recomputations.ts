import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `calendar_recomputations`: the recomputation of open due instants that each calendar change asks for,
 * written in the change's transaction and finished by the DeadlineRecomputer, so that one interrupted by a
 * stop of the engine is carried out at the next start.
 */
export class CalendarRecomputations1764300000000 implements MigrationInterface {
  name = 'CalendarRecomputations1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_recomputations" ("id" BIGSERIAL NOT NULL, "change_id" bigint, "calendar_version" character varying(200) NOT NULL, "reason" text NOT NULL, "actor" character varying(200) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "dossiers" integer NOT NULL DEFAULT '0', "moved" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_calendar_recomputations" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_recomputations"`);
  }
}
