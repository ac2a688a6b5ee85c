export * from './api-problem.decorator';
export * from './problem-details.dto';
export * from './problem.exception';
export * from './problem.filter';
export { bodyParserProblem, sqlState, statusProblem, toProblem } from './to-problem.util';
