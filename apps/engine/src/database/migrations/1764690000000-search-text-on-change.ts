import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The dossier's search text (Inbox1764600000000) folded again only when the code, the applicant or the
 * variables really change: the command write sets `variables` on every step, and folding them at each
 * completion cost PostgreSQL CPU on the hot path (test/bench/engine).
 */
export class SearchTextOnChange1764690000000 implements MigrationInterface {
  name = 'SearchTextOnChange1764690000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER dossiers_search_text ON "dossiers"`);
    await queryRunner.query(
      `CREATE TRIGGER dossiers_search_text BEFORE INSERT ON "dossiers"
         FOR EACH ROW EXECUTE FUNCTION dossiers_search_text()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER dossiers_search_text_update BEFORE UPDATE OF code, applicant, variables ON "dossiers"
         FOR EACH ROW
         WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.applicant IS DISTINCT FROM NEW.applicant
               OR OLD.variables IS DISTINCT FROM NEW.variables)
         EXECUTE FUNCTION dossiers_search_text()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER dossiers_search_text_update ON "dossiers"`);
    await queryRunner.query(`DROP TRIGGER dossiers_search_text ON "dossiers"`);
    await queryRunner.query(
      `CREATE TRIGGER dossiers_search_text BEFORE INSERT OR UPDATE OF code, applicant, variables ON "dossiers"
         FOR EACH ROW EXECUTE FUNCTION dossiers_search_text()`,
    );
  }
}
