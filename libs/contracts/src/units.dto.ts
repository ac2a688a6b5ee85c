export type UnitLevel = 'province' | 'district' | 'commune' | 'agency' | 'division';

export interface UnitDto {
  code: string;
  /** Mã định danh điện tử (the prefix of dossier codes). */
  eIdentifier: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** The unit that took over this one (merger). */
  mergedInto: string | null;
  /** In operation today (not retired, not merged). */
  active: boolean;
}

export interface UnitListQueryDto {
  /** Also list retired and merged units (default true). */
  includeRetired?: boolean;
  parentCode?: string;
}

export interface CreateUnitDto {
  code: string;
  eIdentifier: string;
  name: string;
  level: UnitLevel;
  parentCode?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface UpdateUnitDto {
  eIdentifier?: string;
  name?: string;
  level?: UnitLevel;
  parentCode?: string | null;
  validFrom?: string | null;
  /** Retire the unit from this date. */
  validTo?: string | null;
}

export interface MergeUnitDto {
  /** The unit taking over. */
  into: string;
  /** Last day of the merged unit (default: today). */
  on?: string;
  /** Move the merged unit's people to the successor (default true). */
  moveUsers?: boolean;
}

export interface MergeResultDto {
  unit: UnitDto;
  /** Open steps moved to the successor. */
  movedTasks: number;
  /** People moved to the successor. */
  movedUsers: number;
}
