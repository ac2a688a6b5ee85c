import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { AuthController, LoginThrottlerGuard } from './auth.controller';
import { AuthSessionController } from './auth-session.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Authz } from './authz.service';
import { IdentitySeed } from './identity-seed.service';
import { PasswordHasher } from './password-hasher';
import { Revocations } from './revocations.service';
import { SessionsRepository } from './sessions.repository';
import { UnitDirectory } from './unit-directory.service';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';
import { UsersController } from './users.controller';
import { LoginThrottleStorage } from './login-throttle.storage';
import { Db } from '../database/db.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { Clock } from '../common/clock/clock';

/**
 * People, units and rights: sign-in, sessions, API keys, the authorization rules (Authz) and the
 * organisation tree. AuthGuard is global (it records refused sign-ins with the global AuditModule).
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, Db, Clock],
      useFactory: (config: AppConfig, db: Db, clock: Clock) => ({
        throttlers: [
          { name: 'login', ttl: config.auth.loginWindowSeconds * 1000, limit: config.auth.loginLimit },
        ],
        // Counted in the database: the limit holds across engine processes.
        storage: new LoginThrottleStorage(db, clock),
      }),
    }),
  ],
  controllers: [AuthController, AuthSessionController, UsersController, UnitsController, ApiKeysController],
  providers: [
    PasswordHasher,
    SessionsRepository,
    Revocations,
    AuthService,
    Authz,
    UnitDirectory,
    UnitsRepository,
    UsersRepository,
    UsersService,
    UnitsService,
    ApiKeysRepository,
    ApiKeysService,
    IdentitySeed,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Authz, UnitDirectory, UsersService, PasswordHasher, AuthService, IdentitySeed],
})
export class IdentityModule {}
