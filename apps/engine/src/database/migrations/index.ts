import { type MigrationClass } from '../data-source';
import { EngineCore1763800000000 } from './1763800000000-engine-core';
import { CreateIdempotencyKeys1763833800000 } from './1763833800000-create-idempotency-keys';
import { Deadlines1763850000000 } from './1763850000000-deadlines';
import { CalendarDecisions1763900000000 } from './1763900000000-calendar-decisions';
import { Identity1764000000000 } from './1764000000000-identity';
import { AgencyApi1764100000000 } from './1764100000000-agency-api';
import { Webhooks1764200000000 } from './1764200000000-webhooks';
import { CalendarRecomputations1764300000000 } from './1764300000000-calendar-recomputations';
import { SealedWebhookSecrets1764400000000 } from './1764400000000-sealed-webhook-secrets';
import { LoginThrottle1764500000000 } from './1764500000000-login-throttle';
import { Inbox1764600000000 } from './1764600000000-inbox';
import { ReceptionGuidance1764610000000 } from './1764610000000-reception-guidance';
import { DefinitionPublication1764650000000 } from './1764650000000-definition-publication';
import { TaskEvents1764660000000 } from './1764660000000-task-events';
import { DesignerDrafts1764670000000 } from './1764670000000-designer-drafts';
import { Reports1764680000000 } from './1764680000000-reports';
import { SearchTextOnChange1764690000000 } from './1764690000000-search-text-on-change';
import { MonthlyPartitions1764700000000 } from './1764700000000-monthly-partitions';
import { TenantCode1764701000000 } from './1764701000000-tenant-code';
import { StoppedDossiers1764750000000 } from './1764750000000-stopped-dossiers';
import { ReportStepDays1764751000000 } from './1764751000000-report-step-days';
import { LeanCompletion1764760000000 } from './1764760000000-lean-completion';
import { HistoryPerCommand1764810000000 } from './1764810000000-history-per-command';
import { ReportStepRollup1764820000000 } from './1764820000000-report-step-rollup';

/**
 * Every migration, oldest first. A merged migration is never edited: add a new one.
 * Generate one from the entities with the TypeORM CLI (see ../data-source.cli.ts), name the file
 * `<timestamp>-<kebab-name>.ts`, give it a reversible `down`, and append its class here.
 */
export const migrations: MigrationClass[] = [
  EngineCore1763800000000,
  CreateIdempotencyKeys1763833800000,
  Deadlines1763850000000,
  CalendarDecisions1763900000000,
  Identity1764000000000,
  AgencyApi1764100000000,
  Webhooks1764200000000,
  CalendarRecomputations1764300000000,
  SealedWebhookSecrets1764400000000,
  LoginThrottle1764500000000,
  Inbox1764600000000,
  ReceptionGuidance1764610000000,
  DefinitionPublication1764650000000,
  TaskEvents1764660000000,
  DesignerDrafts1764670000000,
  Reports1764680000000,
  SearchTextOnChange1764690000000,
  MonthlyPartitions1764700000000,
  TenantCode1764701000000,
  StoppedDossiers1764750000000,
  ReportStepDays1764751000000,
  LeanCompletion1764760000000,
  HistoryPerCommand1764810000000,
  ReportStepRollup1764820000000,
];
