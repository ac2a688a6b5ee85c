import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, toProblem } from './to-problem.util';

function pgError(code: string, message = 'error'): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe('toProblem while the database is away', () => {
  it.each([
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', pgError('ECONNRESET', 'read ECONNRESET')],
    [
      'a fast shutdown of the server',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['a server still starting', pgError('57P03', 'the database system is starting up')],
    ['a connection failure', pgError('08006', 'connection failure')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a pool that waited for a connection in vain', new Error('timeout exceeded when trying to connect')],
    [
      'a TypeORM query on a lost connection',
      new QueryFailedError(
        'SELECT 1',
        [],
        pgError('57P01', 'terminating connection due to administrator command'),
      ),
    ],
  ])('answers 503 problem+json with Retry-After for %s', (_name, error) => {
    // when
    const { problem, internal } = toProblem(error);

    // then
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(problem.getStatus()).toBe(503);
    expect(problem.type).toBe('https://lienthong.vn/problems/database-unavailable');
    expect(problem.headers).toEqual({ 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    expect(internal).toBe(false);
  });

  it('keeps other database errors as they were', () => {
    // given a unique violation and a syntax error
    const duplicate = new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key'));
    const syntax = pgError('42601', 'syntax error');

    // then
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(toProblem(duplicate).problem.getStatus()).toBe(409);
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(toProblem(syntax).problem.getStatus()).toBe(500);
  });
});
