import { createParamDecorator } from '@nestjs/common';
import type { Actor } from './process-runtime.service';

/**
 * Who performs a command, recorded in the history. Until authentication lands (identity issue)
 * every API caller is the anonymous actor `api`.
 */
export const CurrentActor = createParamDecorator((): Actor => ({ id: 'api' }));
