import { isPrivateAddress, privateDestination } from './destination.util';

describe('webhook destinations (SSRF guard)', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.5', true],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['203.113.131.1', false],
    ['14.225.0.1', false],
    ['2001:ee0:4001::1', false],
    ['not-an-ip', true],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('refuses URLs whose host is or resolves to a private address, names the reason', async () => {
    await expect(privateDestination('http://127.0.0.1:8080/hook')).resolves.toMatch(/127\.0\.0\.1/);
    await expect(privateDestination('http://[::1]/hook')).resolves.toMatch(/::1/);
    await expect(privateDestination('http://localhost/hook')).resolves.toMatch(/localhost resolves to/);
    await expect(privateDestination('https://203.113.131.1/hook')).resolves.toBeNull();
  });
});
