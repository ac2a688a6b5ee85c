import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as C from '@lienthong/contracts';

/** The body of every error response (RFC 7807), plus the extension members the engine uses. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

export class ProblemFieldError implements C.ProblemFieldErrorDto {
  @ApiPropertyOptional({ example: 'applicant.idNumber', description: 'Dotted path of the offending input' })
  path?: string;

  @ApiProperty({ example: 'idNumber must be a string' })
  message!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'BPMN that does not validate: the element',
  })
  elementId?: string | null;

  @ApiPropertyOptional({ description: 'BPMN that does not validate: the message in Vietnamese' })
  messageVi?: string;

  @ApiPropertyOptional({ description: 'BPMN that does not validate: the rule' })
  code?: string;
}

/** OpenAPI schema `ProblemDetails` (components.schemas), used by every error response. */
export class ProblemDetails implements C.ProblemDto {
  @ApiProperty({ format: 'uri', example: 'https://lienthong.vn/problems/not-found' })
  type!: string;

  @ApiProperty({ example: 'Resource not found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiPropertyOptional({ example: "Dossier 'H01.2025.000123' was not found." })
  detail?: string;

  @ApiPropertyOptional({ description: 'Path of the request', example: '/api/v1/dossiers/H01.2025.000123' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Stable machine-readable code, when the problem has one' })
  code?: string;

  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'Invalid inputs (validation problems)' })
  errors?: ProblemFieldError[];

  @ApiPropertyOptional({ description: 'Id of the request in the server logs' })
  requestId?: string;
}
