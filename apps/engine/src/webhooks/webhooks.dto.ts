import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from './webhook-events';

export class CreateWebhookBody implements C.CreateWebhookDto {
  @ApiProperty({
    example: 'https://motcua.dongthap.gov.vn/lienthong/webhook',
    description: 'http or https; answered 2xx within the timeout to count as delivered',
  })
  @IsString()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true },
    { message: 'url must be an http or https URL without credentials' },
  )
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_EVENTS,
    enumName: 'WebhookEvent',
    isArray: true,
    example: ['task.created', 'dossier.finished'],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: C.WebhookEvent[];

  @ApiPropertyOptional({
    example: 'DTP-VPDK-CL',
    description:
      "The unit whose events are sent: required for an admin; an API key subscribes its own unit's",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unitCode?: string;
}

export class WebhookDto implements C.WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'DTP-VPDK-CL' })
  unitCode!: string;

  @ApiProperty({ example: 'https://motcua.dongthap.gov.vn/lienthong/webhook' })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, enumName: 'WebhookEvent', isArray: true })
  events!: C.WebhookEvent[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ example: 'apikey:3f9a1c2b' })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  deactivatedAt!: string | null;
}

export class CreatedWebhookDto extends WebhookDto implements C.CreatedWebhookDto {
  @ApiProperty({
    description:
      'Signing secret (HMAC-SHA256 key of X-LT-Signature): shown this once, store it now. Replace it by subscribing anew and deactivating this subscription.',
    example: 'whsec_…',
  })
  secret!: string;
}

export class WebhookListQuery extends PageQuery implements C.WebhookListQueryDto {
  @ApiPropertyOptional({ example: 'DTP-VPDK-CL', description: "Admins: one unit's subscriptions" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}

export class WebhookDeliveryDto implements C.WebhookDeliveryDto {
  @ApiProperty({
    example: '42',
    description: 'Also sent as X-LT-Delivery: receivers skip ids already handled',
  })
  id!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, enumName: 'WebhookEvent' })
  event!: C.WebhookEvent;

  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' })
  status!: C.WebhookDeliveryStatus;

  @ApiProperty({ description: 'Attempts made so far' })
  attempts!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'HTTP status of the last attempt (null: no answer)',
  })
  lastStatus!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  lastAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, description: 'Pending deliveries: the next attempt' })
  nextAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ description: 'The JSON body sent', type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
}

export class WebhookDeliveryListQuery extends PageQuery implements C.WebhookDeliveryListQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: C.WebhookDeliveryStatus;
}
