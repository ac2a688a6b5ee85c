import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Vietnamese letters with diacritics (both cases) and đ, then what each folds to. */
const MARKED =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' +
  'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
const FOLDED =
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd' +
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

/** What a dossier's search text is made of: its code, the applicant's name and id number, its variables' values. */
const SEARCH_TEXT_OF = (row: string) =>
  `lienthong_fold(concat_ws(' ', ${row}.code, ${row}.applicant->>'name', ${row}.applicant->>'idNumber',
     jsonb_path_query_array(${row}.variables, 'strict $.*')::text))`;

/**
 * The inbox: its search, its indexes on open steps, and the filters people save.
 *
 * Search without diacritics. `unaccent` and `pg_trgm` are in the embedded PostgreSQL, but they are contrib
 * extensions a server given by DATABASE_URL may lack (and `CREATE EXTENSION` needs rights a managed
 * database may not grant). Vietnamese has a closed set of marked letters, so `lienthong_fold` is plain
 * SQL: NFC, then `translate` of the 134 marked letters (and đ) to their base, then `lower` (which only
 * has to know ASCII whatever the server's locale). Each dossier keeps its folded search text in
 * `search_text`, written by a trigger in the same statement as the dossier (at receipt, and whenever its
 * variables change: a parcel number given at a later step is found). No trigram index: the search is
 * always within the caller's inbox (one unit's open steps, found by `tasks_inbox_idx`), so it tests
 * `search_text LIKE` on at most those dossiers; test/bench/inbox/query.mjs measures it (10,000 open
 * steps of a unit among 1,000,000 finished ones).
 */
export class Inbox1764600000000 implements MigrationInterface {
  name = 'Inbox1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION lienthong_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         AS $$ SELECT lower(translate(normalize($1, NFC), '${MARKED}', '${FOLDED}')) $$`,
    );
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "search_text" text`);
    await queryRunner.query(
      `CREATE FUNCTION dossiers_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           NEW.search_text := ${SEARCH_TEXT_OF('NEW')};
           RETURN NEW;
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER dossiers_search_text BEFORE INSERT OR UPDATE OF code, applicant, variables ON "dossiers"
         FOR EACH ROW EXECUTE FUNCTION dossiers_search_text()`,
    );
    await queryRunner.query(`UPDATE "dossiers" d SET search_text = ${SEARCH_TEXT_OF('d')}`);
    // The inbox's list in due order (the sort key of TasksRepository.list), open user steps only; with
    // what the visibility rule and the counts read, so that counting a unit's open steps reads the index alone.
    await queryRunner.query(
      `CREATE INDEX "tasks_inbox_idx" ON "tasks" ("unit", (COALESCE(due_at, 'infinity'::timestamptz)), "id")
         INCLUDE ("kind", "candidate_role", "assignee", "deadline_status", "dossier_id", "due_at")
         WHERE status = 'active' AND kind = 'user'`,
    );
    // The open dossiers, with their definition: what the counts and the search join the open steps with.
    await queryRunner.query(
      `CREATE INDEX "dossiers_open_idx" ON "dossiers" ("id") INCLUDE ("definition_id") WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_inbox_assignee_idx" ON "tasks" ("assignee") WHERE status = 'active' AND kind = 'user' AND assignee IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "saved_filters" ("id" uuid NOT NULL, "username" character varying(100) NOT NULL, "name" character varying(100) NOT NULL, "query" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_saved_filters" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "saved_filters_username_name_uq" ON "saved_filters" ("username", "name") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "saved_filters_username_name_uq"`);
    await queryRunner.query(`DROP TABLE "saved_filters"`);
    await queryRunner.query(`DROP INDEX "tasks_inbox_assignee_idx"`);
    await queryRunner.query(`DROP INDEX "dossiers_open_idx"`);
    await queryRunner.query(`DROP INDEX "tasks_inbox_idx"`);
    await queryRunner.query(`DROP TRIGGER dossiers_search_text ON "dossiers"`);
    await queryRunner.query(`DROP FUNCTION dossiers_search_text()`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "search_text"`);
    await queryRunner.query(`DROP FUNCTION lienthong_fold(text)`);
  }
}
