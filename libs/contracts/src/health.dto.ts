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
  /**
   * With `DATABASE_READ_URL`: whether the read standby answers and how far its replay is behind. A standby
   * that is down does not make the engine unready: its reads go to the primary meanwhile.
   */
  standby?: StandbyDto;
}

export interface StandbyDto {
  state: 'up' | 'down';
  /** Seconds the replay is behind (0: all received is replayed); null while down. */
  lagSeconds: number | null;
}
