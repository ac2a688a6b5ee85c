import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { ReportStepsRollup } from './report-steps-rollup.service';

/**
 * Statistics (ADR 0010): report form 06a, its drill-downs and exports, steps against their allotted
 * time, the monthly late lists and Decision 766's progress indicators. Tables: report_dossiers (kept by
 * triggers on dossiers and deadline_events), report_step_days (rolled up behind the watermark of
 * report_step_rollup by ReportStepsRollup), report_settings.
 */
@Module({
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService, ReportStepsRollup],
  exports: [ReportsService, ReportStepsRollup],
})
export class ReportsModule {}
