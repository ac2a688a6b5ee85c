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
import { PageQuery } from '../common/pagination';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from './webhook-events';

export class CreateWebhookBody {
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

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['task.created', 'dossier.finished'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: string[];

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

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'DTP-VPDK-CL' })
  unitCode!: string;

  @ApiProperty({ example: 'https://motcua.dongthap.gov.vn/lienthong/webhook' })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  events!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ example: 'apikey:3f9a1c2b' })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  deactivatedAt!: string | null;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    description:
      'Signing secret (HMAC-SHA256 key of X-LT-Signature): shown this once, store it now. Replace it by subscribing anew and deactivating this subscription.',
    example: 'whsec_…',
  })
  secret!: string;
}

export class WebhookListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'DTP-VPDK-CL', description: "Admins: one unit's subscriptions" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({
    example: '42',
    description: 'Also sent as X-LT-Delivery: receivers skip ids already handled',
  })
  id!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS })
  event!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: string;

  @ApiProperty({ description: 'Attempts made so far' })
  attempts!: number;

  @ApiProperty({ nullable: true, description: 'HTTP status of the last attempt (null: no answer)' })
  lastStatus!: number | null;

  @ApiProperty({ nullable: true, example: 'HTTP 503' })
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

export class WebhookDeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: string;
}
