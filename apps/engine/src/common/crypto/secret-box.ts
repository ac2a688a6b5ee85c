import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why a sealed value could not be opened. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  constructor(
    readonly reason: 'other-key' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Secrets the engine must read back (webhook signing secrets) are stored sealed: AES-256-GCM with a
 * key derived (HKDF-SHA256) from SECRETS_KEY, as `enc:v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url).
 * A copy of the database alone does not give them away; the key id says which key sealed a value, so
 * a changed key is told apart from a damaged value.
 */
export class SecretBox {
  private readonly key: Buffer;
  /** First 8 hex digits of SHA-256 of the derived key: names the key, reveals nothing of it. */
  readonly keyId: string;

  constructor(keyMaterial: string) {
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, 'lienthong', 'secret-box v1', 32));
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return `${PREFIX}${this.keyId}:${parts.join(':')}`;
  }

  /** @throws SecretBoxError when the value was sealed with another key, or is damaged */
  open(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) throw new SecretBoxError('corrupt', 'Not a sealed value.');
    const [keyId, iv, body, tag] = sealed.slice(PREFIX.length).split(':');
    if (keyId !== this.keyId) {
      throw new SecretBoxError('other-key', `Sealed with another key (${keyId}); SECRETS_KEY has changed.`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv ?? '', 'base64url'));
      const tagBytes = Buffer.from(tag ?? '', 'base64url');
      if (tagBytes.length !== TAG_BYTES) throw new Error('bad tag length');
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([
        decipher.update(Buffer.from(body ?? '', 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError('corrupt', 'The sealed value is damaged.');
    }
  }
}
