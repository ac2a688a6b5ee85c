export * from './api-page-response.decorator';
export * from './cursor.util';
export * from './page-query.dto';
