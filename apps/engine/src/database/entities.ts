import { IdempotencyKeyEntity } from '../common/idempotency/idempotency-key.entity';
import { CalendarChangeEntity } from '../calendar/calendar-change.entity';
import { CalendarDecisionEntity } from '../calendar/calendar-decision.entity';
import { CalendarRecomputationEntity } from '../calendar/calendar-recomputation.entity';
import { DefinitionEntity } from '../definitions/definition.entity';
import { DossierSequenceEntity } from '../dossiers/dossier-sequence.entity';
import { DossierEntity } from '../dossiers/dossier.entity';
import { DeadlineEventEntity } from '../deadlines/deadline-event.entity';
import { HistoryEntity } from '../dossiers/history.entity';
import { ReceptionGuidanceEntity } from '../dossiers/reception-guidance.entity';
import { JobEntity } from '../jobs/job.entity';
import { TaskEntity } from '../tasks/task.entity';
import { SavedFilterEntity } from '../tasks/saved-filter.entity';
import { UnitEntity } from '../identity/unit.entity';
import { ApiKeyEntity, SessionEntity, UserEntity, UserRoleEntity } from '../identity/user.entity';
import { LoginThrottleEntity } from '../identity/login-throttle.entity';
import { TaskEventEntity } from '../live/task-event.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { BufferedMessageEntity } from '../messages/buffered-message.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from '../webhooks/webhook-subscription.entity';
import { DraftEntity } from '../drafts/draft.entity';
import { ReportDossierEntity } from '../reports/report-dossier.entity';
import { ReportSettingEntity } from '../reports/report-setting.entity';
import { ReportStepDayEntity } from '../reports/report-step-day.entity';
import { ReportStepFlowEntity } from '../reports/report-step-flow.entity';
import { ReportStepRollupEntity } from '../reports/report-step-rollup.entity';
import { type EntityClass } from './data-source';

/**
 * Every TypeORM entity of the engine, in one list: the DatabaseModule and the CLI data source
 * (data-source.cli.ts) read it, so an entity missing here is missing everywhere (no `autoLoadEntities`).
 * Domain modules add their entity classes below and use `TypeOrmModule.forFeature([...])` as usual.
 */
export const entities: EntityClass[] = [
  // platform
  IdempotencyKeyEntity,
  // engine
  DefinitionEntity,
  UnitEntity,
  DossierEntity,
  DossierSequenceEntity,
  TaskEntity,
  JobEntity,
  HistoryEntity,
  ReceptionGuidanceEntity,
  DeadlineEventEntity,
  CalendarDecisionEntity,
  CalendarChangeEntity,
  // identity
  UserEntity,
  UserRoleEntity,
  SessionEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  LoginThrottleEntity,
  // agency API
  BufferedMessageEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  CalendarRecomputationEntity,
  // live inboxes
  TaskEventEntity,
  // inbox
  SavedFilterEntity,
  // designer
  DraftEntity,
  // statistics
  ReportDossierEntity,
  ReportSettingEntity,
  ReportStepDayEntity,
  ReportStepRollupEntity,
  ReportStepFlowEntity,
];
