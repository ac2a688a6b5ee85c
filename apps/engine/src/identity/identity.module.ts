import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditController } from '../audit/audit.controller';
import { AuditWriter } from '../audit/audit-writer';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController, LoginThrottlerGuard } from './auth.controller';
import { AuthSessionController } from './auth-session.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Authz } from './authz.service';
import { IdentitySeed } from './identity-seed.service';
import { PasswordHasher } from './password-hasher';
import { Revocations } from './revocations.service';
import { UnitDirectory } from './unit-directory.service';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';
import { UsersController } from './users.controller';
import { LoginThrottleStorage } from './login-throttle.storage';
import { Db } from '../database/db.service';
import { UsersService } from './users.service';

/**
 * People, units and rights: sign-in, sessions, API keys, the authorization rules (Authz), the
 * organisation tree, and the audit log. AuthGuard is global; the audit and Idempotency-Key interceptors
 * come with @Audit (CommandInterceptor).
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, Db],
      useFactory: (config: AppConfig, db: Db) => ({
        throttlers: [
          { name: 'login', ttl: config.auth.loginWindowSeconds * 1000, limit: config.auth.loginLimit },
        ],
        // Counted in the database: the limit holds across engine processes.
        storage: new LoginThrottleStorage(db),
      }),
    }),
  ],
  controllers: [
    AuthController,
    AuthSessionController,
    UsersController,
    UnitsController,
    ApiKeysController,
    AuditController,
  ],
  providers: [
    PasswordHasher,
    Revocations,
    AuthService,
    AuditWriter,
    Authz,
    UnitDirectory,
    UsersService,
    UnitsService,
    ApiKeysService,
    IdentitySeed,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
    AuditInterceptor,
  ],
  exports: [
    Authz,
    AuditWriter,
    UnitDirectory,
    UsersService,
    PasswordHasher,
    AuthService,
    IdentitySeed,
    AuditInterceptor,
  ],
})
export class IdentityModule {}
