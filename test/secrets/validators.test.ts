import { base62, crc32, hasValidBase62Checksum } from '../../src/scanners/secrets/checksums.js';
import { VALIDATORS } from '../../src/scanners/secrets/validators.js';
import { make as m } from './helpers.js';

describe('secret validators', () => {
  test('crc32 matches the IEEE check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 2)).toBe('0z');
  });

  test.each(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])('GitHub %s_ token with its checksum is valid', (kind) => {
    expect(VALIDATORS['github-checksum']!(m.github(kind))).toBe(true);
  });

  test('a GitHub token with a wrong checksum is not a token', () => {
    for (let i = 0; i < 20; i++) expect(VALIDATORS['github-checksum']!(m.githubBadChecksum())).toBe(false);
    // one changed character in the random part breaks it too
    const t = m.github();
    const broken = t.slice(0, 6) + (t[6] === 'a' ? 'b' : 'a') + t.slice(7);
    expect(hasValidBase62Checksum(broken)).toBe(false);
  });

  test('npm tokens: checksum verified the same way', () => {
    expect(VALIDATORS['npm-checksum']!(m.npm())).toBe(true);
    expect(VALIDATORS['npm-checksum']!(m.npmBadChecksum())).toBe(false);
  });

  test('JWT: header and payload must decode to JSON objects and name an algorithm', () => {
    const jwt = VALIDATORS.jwt!;
    expect(jwt(m.jwt())).toBe(true);
    expect(jwt(m.jwt({ alg: 'ES256' }, { iss: 'x' }))).toBe(true);
    expect(jwt(m.jwt({ typ: 'JWT' }))).toBe(false); // no alg
    expect(jwt(m.jwt({ alg: 'none' }))).toBe(false);
    const [h, , s] = m.jwt().split('.');
    expect(jwt(`${h}.${Buffer.from('not json').toString('base64url')}.${s}`)).toBe(false);
    expect(jwt(`${h}.${Buffer.from('[1,2]').toString('base64url')}.${s}`)).toBe(false);
    expect(jwt(`eyJ${m.alnum(20)}.eyJ${m.alnum(20)}.${m.alnum(30)}`)).toBe(false);
  });

  test('PyPI macaroon must name pypi.org', () => {
    expect(VALIDATORS['pypi-macaroon']!(m.pypi())).toBe(true);
    expect(VALIDATORS['pypi-macaroon']!(m.pypi('test.pypi.org'))).toBe(true);
    expect(VALIDATORS['pypi-macaroon']!(m.pypi('example.com'))).toBe(false);
  });

  test('PEM body: real key material passes, placeholders and truncations do not', () => {
    const pem = VALIDATORS['pem-body']!;
    expect(pem(m.rsaKey().join('\n'))).toBe(true);
    expect(pem(m.pkcs8Key().join('\\n'))).toBe(true); // JSON-escaped newlines
    expect(pem('\n...\n')).toBe(false);
    expect(pem('\n' + 'A'.repeat(200) + '\n')).toBe(false);
    expect(pem('\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n')).toBe(false);
    expect(pem('\n<your private key here, base64 encoded, several lines long ok>\n')).toBe(false);
  });

  test('Discord bot token: first part is a base64 numeric id', () => {
    expect(VALIDATORS['discord-bot-token']!(m.discordBot())).toBe(true);
    expect(VALIDATORS['discord-bot-token']!(`M${m.alnum(25)}.${m.alnum(6)}.${m.alnum(38)}`)).toBe(false);
  });

  test('basic credential: base64 of user:password', () => {
    expect(VALIDATORS['basic-credential']!(m.basic())).toBe(true);
    expect(VALIDATORS['basic-credential']!(Buffer.from('nocolonhere').toString('base64'))).toBe(false);
    expect(VALIDATORS['basic-credential']!(Buffer.from('user:').toString('base64'))).toBe(false);
    expect(VALIDATORS['basic-credential']!(Buffer.from([0, 1, 2, 58, 200]).toString('base64'))).toBe(false);
  });
});
