import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Webhook signing secrets are stored sealed (`enc:v1:…`, AES-256-GCM with SECRETS_KEY), which takes
 * more room than the clear text; the engine seals the clear ones at its next start (WebhooksService).
 * `down` succeeds only while no sealed secret is stored: the earlier schema has no room for one, and
 * the earlier engine could not read it anyway.
 */
export class SealedWebhookSecrets1764400000000 implements MigrationInterface {
  name = 'SealedWebhookSecrets1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ALTER COLUMN "secret" TYPE character varying(400)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ALTER COLUMN "secret" TYPE character varying(100)`,
    );
  }
}
