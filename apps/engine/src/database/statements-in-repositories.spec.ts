import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

// Where the engine's SQL lives (docs/architecture.md, "Where statements live"): every statement in a
// `*.repository.ts` of its context, on the engine's Db/Sql. This check reads every source file of
// apps/engine/src (but tests and migrations) and fails on a string or template literal that holds a
// statement anywhere else, unless the file is listed below with the reason.

const SRC = join(__dirname, '..');
const STATEMENT = /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|WITH \w+ AS \()/;

/** The files outside repositories that may hold SQL, each with why. */
const OUTSIDE_REPOSITORIES: Record<string, string> = {
  // The command's one statement and the CTEs other contexts give it (they are parts of it, not statements).
  'runtime/dossier-write.ts': 'the one-statement command write (UPDATE dossiers … with every effect in CTEs)',
  'audit/audit-context.ts': "the audit record's CTE in the command's one statement",
  'webhooks/webhook-outbox.sql.ts': "the webhook outbox's CTEs in the command's one statement",
  'runtime/domain-events.ts':
    'the NOTIFY tail that wakes long-polling workers, ending the write and external-task statements',
  // The platform: the database itself, below every context.
  'database/embedded-postgres.ts':
    'looks the database up on the embedded server before creating it (no engine yet)',
  'database/read-db.service.ts':
    "the read standby's replay position, asked of the standby itself (health and metrics)",
  'database/migrate.util.ts':
    'the advisory lock that lets one process migrate at a time (before any context)',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** The literals of `file` (strings and the text parts of templates) that hold a statement. */
function statementsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (STATEMENT.test(node.text)) found.push(node.text.trim().split('\n')[0] ?? '');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('SQL statements live in repositories', () => {
  const files = sources(SRC).map((f) => ({ path: relative(SRC, f).split('\\').join('/'), abs: f }));

  it('no statement outside a *.repository.ts but in the listed files', () => {
    const misplaced = files
      .filter((f) => !f.path.endsWith('.repository.ts') && !(f.path in OUTSIDE_REPOSITORIES))
      .flatMap((f) => statementsIn(f.abs).map((s) => `${f.path}: ${s}`));
    expect(misplaced).toEqual([]);
  });

  it('every listed file still holds SQL (the list shrinks when one moves)', () => {
    const stale = Object.keys(OUTSIDE_REPOSITORIES).filter((path) => {
      const file = files.find((f) => f.path === path);
      return file === undefined || statementsIn(file.abs).length === 0;
    });
    expect(stale).toEqual([]);
  });
});
