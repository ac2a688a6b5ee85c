export interface HealthDto {
  status: 'ok';
  database: 'up';
  version: string;
}
