import type { VariablesDto } from './json.dto';

export interface MessageDto {
  name: string;
  dossierId?: string;
  dossierCode?: string;
  /** The dossier's number in the sender's system (`externalRef` given at receipt). */
  correlationKey?: string;
  variables?: VariablesDto;
  /** The sender's id of this message: the same id is never applied twice. */
  messageId?: string;
  /** How long a message that arrives before the dossier waits for it is kept (default: the engine's MESSAGE_TTL). */
  ttlSeconds?: number;
}

export interface MessageResultDto {
  dossierId: string;
  dossierCode: string;
  /** true: a waiting step took it; false: the dossier does not wait for it yet, and it is kept until `expiresAt`. */
  correlated: boolean;
  buffered: boolean;
  expiresAt: string | null;
}
