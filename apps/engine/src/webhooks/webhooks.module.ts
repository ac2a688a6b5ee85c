import { Module } from '@nestjs/common';
import { SecretBox } from '../common/crypto/secret-box';
import { APP_CONFIG, type AppConfig } from '../config';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks out: subscriptions of agency systems, the delivery log, and the dispatcher. The outbox rows
 * themselves are written by the engine's statements (runtime/dossier-write.ts, the deadline sweep)
 * with the SQL of webhook-outbox.sql.ts.
 */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    WebhookDeliveriesRepository,
    WebhooksService,
    WebhookDispatcher,
    // Seals the subscriptions' signing secrets in the database (SECRETS_KEY).
    {
      provide: SecretBox,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SecretBox(config.auth.secretsKey),
    },
  ],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
