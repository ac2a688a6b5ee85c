import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks out: subscriptions of agency systems, the delivery log, and the dispatcher. The outbox rows
 * themselves are written by the engine's statements (runtime/dossier-write.ts, the deadline sweep)
 * with the SQL of webhook-outbox.sql.ts.
 */
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookDispatcher],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
