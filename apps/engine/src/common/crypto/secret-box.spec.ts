import { SecretBox, SecretBoxError } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('a-long-secrets-key-for-the-tests-0123456789');

  it('seals so that only the same key opens, never the same text twice', () => {
    const sealed = box.seal('whsec_abc');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('whsec_abc');
    expect(sealed).toMatch(new RegExp(`^enc:v1:${box.keyId}:`));
    expect(box.seal('whsec_abc')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(new SecretBox('a-long-secrets-key-for-the-tests-0123456789').open(sealed)).toBe('whsec_abc');
  });

  it('tells a changed key from a damaged value', () => {
    const sealed = box.seal('whsec_abc');
    const other = new SecretBox('another-long-secrets-key-for-the-tests-987');
    expect(() => other.open(sealed)).toThrow(expect.objectContaining({ reason: 'other-key' }));
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    parts[4] = flipped.toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    expect(() => box.open('whsec_plain')).toThrow(SecretBoxError);
    expect(() => box.open(sealed.slice(0, -3))).toThrow(expect.objectContaining({ reason: 'corrupt' }));
  });
});
