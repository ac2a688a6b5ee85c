import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (npm `@node-rs/argon2`: a prebuilt N-API binary per platform, nothing compiled or downloaded at
 * install) with the OWASP minimum (19 MiB, 2 iterations, 1 lane): about 20-40 ms per hash here, which is
 * what slows a password guesser, while a sign-in stays instant.
 */
// The algorithm is the library's default, argon2id (its `Algorithm` is a const enum, absent at run time).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Hash of a random password, verified when the user does not exist (same time either way). */
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash === null) {
      this.dummy ??= this.hash(`no-such-user-${Math.random()}`);
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}
