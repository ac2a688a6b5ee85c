export interface HealthDto {
  status: 'ok';
  database: 'up';
  version: string;
}

/** `GET /health/live`: the process serves requests (the database is not asked). */
export interface LivenessDto {
  status: 'ok';
  version: string;
}

/** `GET /health/ready`: the database answers and every migration of this version has run. */
export interface ReadinessDto {
  status: 'ready';
  database: 'up';
  /** Migrations recorded in the database (equal to those this version knows). */
  migrations: number;
  version: string;
}
