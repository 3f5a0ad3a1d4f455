import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/cli.js';
import { make as m, scanText } from './helpers.js';
import { redact } from '../../src/core/redact.js';

/**
 * Every built-in secret rule, with cases that must be found (on the given
 * line) and look-alikes that must not. Values are generated per run.
 */
interface Case {
  text: string;
  path?: string;
  line?: number;
}
type Spec = { pos: Array<string | Case>; neg: Array<string | Case> };

const asCase = (c: string | Case): Case => (typeof c === 'string' ? { text: c } : c);

const CASES: Record<string, () => Spec> = {
  'aws-access-key-id': () => ({
    pos: [`aws_access_key_id = ${m.awsKeyId()}`, `const id = "${m.awsKeyId()}";`],
    neg: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', `arn:aws:iam::123456789012:user/deploy`],
  }),
  'aws-secret-access-key': () => ({
    pos: [`aws_secret_access_key = ${m.awsSecret()}`, `ENV AWS_SECRET_KEY ${m.awsSecret()}`, `<add key="awsSecretAccessKey" value="${m.awsSecret()}" />`],
    neg: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `aws_commit = "${m.hex(40)}"`, 'AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}'],
  }),
  'aws-session-token': () => ({
    pos: [`aws_session_token = ${m.awsSessionToken()}`],
    neg: ['aws_session_token = ${AWS_SESSION_TOKEN}'],
  }),
  'azure-storage-account-key': () => ({
    pos: [`"Storage": "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${m.azureKey()};EndpointSuffix=core.windows.net"`, `AZURE_STORAGE_KEY=${m.azureKey()}`],
    neg: ['AccountKey=<your-account-key>;', `storage_checksum = "${m.sri()}"`],
  }),
  'azure-sas-token': () => ({
    pos: [`https://acme.blob.core.windows.net/c/f.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=${m.sasSig()}`],
    neg: ['https://acme.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=<signature>'],
  }),
  'database-url-password': () => ({
    pos: [`DATABASE_URL = "postgres://app:${m.password()}@db.internal:5432/app"`, `redis://:${m.password()}@cache:6379/0`, `mongodb+srv://svc:${m.password()}@cluster0.x.mongodb.net/db`],
    neg: ['postgres://localhost:5432/app', 'postgres://user:password@localhost/app', 'mysql://root:root@localhost/test', 'postgres://app:${DB_PASSWORD}@db/app', 'postgresql://{user}:{password}@{host}/db'],
  }),
  'gcp-api-key': () => ({
    pos: [`GOOGLE_API_KEY = "${m.gcpApiKey()}"`],
    neg: ['key = "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"', 'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe'],
  }),
  'gcp-oauth-client-secret': () => ({
    pos: [`client_secret: ${m.gcpOauthSecret()}`],
    neg: ['client_secret: GOCSPX-your-secret'],
  }),
  'generic-password-assignment': () => ({
    pos: [`DB_PASSWORD = "${m.password()}"`, `    "password": "${m.password()}",`, `conn = connect(user="app", password='${m.password()}')`, `String keystorePassword = "${m.password()}";`, `os.environ.setdefault("SMTP_PASSWORD", "${m.password()}")`, `    "conn = psycopg2.connect(password=\\"${m.password()}\\")\\n",`],
    neg: ['password = None', 'password = getpass("Password: ")', 'password = os.environ["DB_PASSWORD"]', 'password: "${DB_PASSWORD}"', '"password": "Password"', '"password": "Contraseña"', '"password": "Пароль1"', 'password = "changeme"', 'password = "P@ssw0rd123"', '"password": "hunter2"', 'password_field = "user_password"', `PASSWORD_HASH = "$2b$12$${m.alnum(53)}"`, `hashed_password = "${m.sha256()}"`, 'if password == "correcthorse1":'],
  }),
  'generic-api-key-assignment': () => ({
    pos: [`API_KEY = "${m.alnum(32)}"`, `const apiKey = process.env.API_KEY || "${m.alnum(32)}";`, `client_secret: '${m.hex(40)}'`, `#define API_TOKEN "${m.alnum(32)}"`, `var jwtSecret = []byte("${m.alnum(32)}")`, `const API_TOKEN: &str = "${m.alnum(40)}";`, `app.config['SECRET_KEY'] = '${m.hex(48)}'`],
    neg: [
      'api_key = os.environ.get("API_KEY", "")',
      'api_key = "your-api-key-here"',
      'token = "<TOKEN>"',
      `notAToken = "${m.githubBadChecksum()}"`,
      'api_key = "sk-proj-abc123"',
      `token_hash = "${m.sha256()}"`,
      `secret_id = "${m.uuid()}"`,
      `STRIPE_PUBLISHABLE_KEY = "pk_live_${m.alnum(24)}"`,
      'TOKEN_URL = "https://oauth2.googleapis.com/token"',
      'secret_name = "prod/db/password"',
      `"token_uri": "https://oauth2.googleapis.com/token",\n  "auth_provider": "${m.alnum(30)}x"`,
      'SECRET_KEY = get_random_secret_key()',
      `"nextPageToken": "${m.alnum(40)}"`,
      'api_key = "test-api-key-12345"',
      '"token": "Authentifizierungstoken",',
      'SECRET = "my_super_secret_key_123"',
      'token = "{{ .Values.token }}"',
      'API_KEY = "%API_KEY_FROM_ENVIRONMENT%"',
      'API_KEY = "__API_KEY_PLACEHOLDER__"',
      'api_key = "#{ENV.fetch(\'API_KEY\')}"',
    ],
  }),
  'generic-env-assignment': () => ({
    pos: [
      { text: `SECRET_KEY=${m.alnum(40)}`, path: '.env' },
      { text: `export GITLAB_API_TOKEN=${m.alnum(30)}`, path: 'scripts/env.sh' },
      { text: `  secret_key_base: ${m.hex(128)}`, path: 'config/secrets.yml' },
      { text: `      - MYSQL_ROOT_PASSWORD=${m.password()}`, path: 'compose.yaml' },
      { text: `ENV WEBHOOK_SECRET ${m.alnum(40)}`, path: 'docker/Dockerfile' },
      { text: `APP_KEY=base64:${Buffer.from(m.alnum(32)).toString('base64')}`, path: '.env' },
    ],
    neg: [
      { text: 'SECRET_KEY=${SECRET_KEY}', path: '.env' },
      { text: 'DB_PASSWORD=changeme', path: '.env' },
      { text: 'TOKEN_TTL=3600', path: '.env' },
      { text: 'password: Mot de passe', path: 'i18n/fr.yaml' },
      { text: 'secret: db-credentials', path: 'k8s/pod.yaml' },
      { text: `SECRET_KEY=${m.alnum(40)}`, path: 'src/app.py' },
    ],
  }),
  'generic-cli-env-secret': () => ({
    pos: [`docker run -d -e POSTGRES_PASSWORD=${m.password()} postgres:16`],
    neg: ['docker run -e POSTGRES_PASSWORD=$POSTGRES_PASSWORD postgres:16'],
  }),
  'generic-xml-secret': () => ({
    pos: [`    <add key="ApiKey" value="${m.alnum(32)}" />`],
    neg: ['    <add key="ApiKey" value="$(ApiKey)" />', '    <add key="ApiKeyHeader" value="X-Api-Key" />'],
  }),
  'generic-xml-element-secret': () => ({
    pos: [`<password>${m.password()}</password>`],
    neg: ['<password>${env.MAVEN_PASSWORD}</password>'],
  }),
  'generic-kubernetes-env-secret': () => ({
    pos: [{ text: `        - name: DB_PASSWORD\n          value: "${m.password()}"`, path: 'k8s/deploy.yaml', line: 2 }],
    neg: [{ text: '        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}', path: 'k8s/deploy.yaml' }],
  }),
  'terraform-variable-default-secret': () => ({
    pos: [{ text: `variable "db_password" {\n  type    = string\n  default = "${m.password()}"\n}`, path: 'main.tf', line: 3 }],
    neg: [{ text: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}', path: 'main.tf' }],
  }),
  'connection-string-password': () => ({
    pos: [`"Sql": "Server=tcp:acme.database.windows.net,1433;Database=app;User ID=app;Password=${m.password()};Encrypt=true;"`],
    neg: ['"Sql": "Server=.;Database=app;Integrated Security=true;"', '"Sql": "Server=.;User ID=sa;Password={0};"'],
  }),
  'github-token': () => ({
    pos: [`GITHUB_TOKEN=${m.github()}`, `url = "https://${m.github('ghs')}@github.com/acme/app.git"`, m.github('gho'), m.github('ghu'), m.github('ghr')],
    neg: [`token = "${m.githubBadChecksum()}"`, 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
  }),
  'github-fine-grained-token': () => ({
    pos: [`token: ${m.githubFineGrained()}`],
    neg: ['token: github_pat_XXXXXXXXXXXXXXXXXXXXXX_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  }),
  'authorization-header': () => ({
    pos: [`curl -H "Authorization: Bearer ${m.alnum(40)}" https://api.acme.io`, `Authorization: Basic ${m.basic()}`, `headers = {"Authorization": "Bearer ${m.alnum(40)}"}`],
    neg: ['curl -H "Authorization: Bearer $TOKEN" https://api.acme.io', 'Authorization: Bearer <YOUR_TOKEN>', 'headers = {"Authorization": f"Bearer {token}"}', 'Authorization: Bearer {{token}}', 'Authorization: Bearer ${{ secrets.TOKEN }}', `curl -H "Authorization: token ${m.githubBadChecksum()}" https://api.github.com/user`],
  }),
  'api-key-header': () => ({
    pos: [`curl -H "X-API-Key: ${m.alnum(32)}" https://api.acme.io`, `curl --header 'PRIVATE-TOKEN: ${m.alnum(24)}' https://gitlab.acme.io/api/v4/projects`],
    neg: ['curl -H "X-API-Key: $API_KEY" https://api.acme.io', 'X-Api-Key: <your-api-key>', 'X-API-Key: your_api_key_here'],
  }),
  'url-query-secret': () => ({
    pos: [`GET https://api.acme.io/v1/orders?api_key=${m.alnum(32)}&page=2`, `url = "https://hooks.acme.io/in?token=${m.hex(40)}"`],
    neg: ['https://api.acme.io/v1/orders?api_key=${API_KEY}', 'https://api.acme.io/?token=YOUR_TOKEN_HERE', `https://cdn.acme.io/app.js?key=${'a'.repeat(20)}`],
  }),
  'url-query-password': () => ({
    pos: [`spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${m.password()}`],
    neg: ['jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}', 'https://acme.io/reset?password=changeme'],
  }),
  'url-credentials': () => ({
    pos: [`git clone https://deploy:${m.password()}@git.acme.io/team/repo.git`, `--extra-index-url https://ci:${m.password()}@nexus.acme.io/pypi/simple`],
    neg: ['https://user:pass@example.com/path', 'https://deploy@git.acme.io/repo.git', 'https://${USER}:${PASS}@git.acme.io/repo.git', 'https://api.github.com/graphql'],
  }),
  'basic-auth-pair': () => ({
    pos: [`requests.get(url, auth=("admin", "${m.password()}"))`, `conn.setBasicAuth("deploy", "${m.password()}");`],
    neg: ['requests.get(url, auth=("admin", password))', 'auth = HTTPBasicAuth("user", "password")'],
  }),
  'curl-basic-auth': () => ({
    pos: [`curl -u admin:${m.password()} https://es.acme.io:9200/_cat/indices`],
    neg: ['curl -u "admin:$ES_PASSWORD" https://es.acme.io', 'curl -u admin:password https://localhost:9200'],
  }),
  'cli-password-argument': () => ({
    pos: [`mysql -u root -p${m.password()} app < dump.sql`, `docker login -u deploy -p ${m.password()} registry.acme.io`, `sshpass -p '${m.password()}' ssh ops@bastion`],
    neg: ['mysql -u root -p app < dump.sql', 'echo "$PW" | docker login -u deploy --password-stdin registry.acme.io', 'docker login -u deploy -p "$REGISTRY_PASSWORD" registry.acme.io'],
  }),
  'npmrc-auth': () => ({
    pos: [{ text: `//nexus.acme.io/repository/npm/:_auth=${m.basic()}`, path: '.npmrc' }, { text: `//registry.acme.io/:_authToken=${m.uuid()}`, path: '.npmrc' }],
    neg: [{ text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', path: '.npmrc' }],
  }),
  'docker-config-auth': () => ({
    pos: [{ text: `{"auths": {"registry.acme.io": {\n  "auth": "${m.basic()}"\n}}}`, path: '.docker/config.json', line: 2 }],
    neg: [{ text: '{"auths": {"registry.acme.io": {"auth": ""}}, "credsStore": "desktop"}', path: '.docker/config.json' }],
  }),
  'netrc-password': () => ({
    pos: [{ text: `machine api.acme.io\n  login deploy\n  password ${m.password()}`, path: 'home/.netrc', line: 3 }],
    neg: [{ text: 'machine api.acme.io\n  login deploy\n  password changeme', path: 'home/.netrc' }],
  }),
  jwt: () => ({
    pos: [`id_token = "${m.jwt()}"`, `Authorization: Bearer ${m.jwt({ alg: 'RS256', typ: 'JWT' })}`],
    neg: [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      `eyJ${m.alnum(20)}.eyJ${m.alnum(30)}.${m.alnum(30)}`,
      m.jwt({ alg: 'none', typ: 'JWT' }),
    ],
  }),
  'npm-token': () => ({
    pos: [{ text: `//registry.npmjs.org/:_authToken=${m.npm()}`, path: '.npmrc' }, `NPM_TOKEN="${m.npm()}"`],
    neg: [`NPM_TOKEN="${m.npmBadChecksum()}"`],
  }),
  'openai-api-key': () => ({
    pos: [`OPENAI_API_KEY=${m.openai()}`, `    "openai.api_key = \\"${m.openai()}\\"\\n",`],
    neg: ['OPENAI_API_KEY=sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'OPENAI_API_KEY=sk-...'],
  }),
  'openai-api-key-legacy': () => ({ pos: [`openai.api_key = "${m.openaiLegacy()}"`, `key = "sk-${m.alnum(48)}"`], neg: ['openai.api_key = "sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx"'] }),
  'anthropic-api-key': () => ({
    pos: [`ANTHROPIC_API_KEY="${m.anthropic()}"`, `admin = '${m.anthropicAdmin()}'`],
    neg: ['ANTHROPIC_API_KEY=sk-ant-api03-...', 'prefix = "sk-ant-api03-"'],
  }),
  'private-key': () => {
    const rsa = m.rsaKey();
    const ec = m.pkcs8Key();
    return {
      pos: [rsa.join('\n'), ['key = """' + ec[0], ...ec.slice(1)].join('\n') + '"""', m.opensshKey().join('\n'), `  "private_key": "${m.pkcs8Key().join('\\n')}\\n",`],
      neg: [
        '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
        m.publicKey().join('\n'),
        m.certificate().join('\n'),
        '  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\\n-----END PRIVATE KEY-----\\n",',
        'if "-----BEGIN RSA PRIVATE KEY-----" in text: pass',
      ],
    };
  },
  'private-key-base64': () => ({
    pos: [{ text: `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(m.rsaKey().join('\n') + '\n').toString('base64')}`, path: 'kubeconfig', line: 4 }],
    neg: [`    certificate-authority-data: ${Buffer.from(m.certificate().join('\n')).toString('base64')}`, `key: ${Buffer.from('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----').toString('base64')}`],
  }),
  'pypi-upload-token': () => ({
    pos: [{ text: `[pypi]\nusername = __token__\npassword = ${m.pypi()}`, path: '.pypirc', line: 3 }],
    neg: [`TOKEN = "${m.pypi('example.org')}"`, 'password = pypi-AgEIcHlwaS5vcmc...'],
  }),
  'twilio-api-key': () => ({ pos: [`TWILIO_API_KEY = "${m.twilio()}"`], neg: [`sid = "SK${'0'.repeat(32)}"`, `SK${m.hex(31)}`] }),
  'sendgrid-api-key': () => ({ pos: [`SENDGRID_API_KEY=${m.sendgrid()}`], neg: ['SENDGRID_API_KEY=SG.xxxxxxxx'] }),
  'mailgun-api-key': () => ({ pos: [`MAILGUN_API_KEY = "${m.mailgun()}"`], neg: ['MAILGUN_API_KEY = "key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'] }),
  'huggingface-token': () => ({ pos: [`login(token="${m.huggingface()}")`], neg: ['HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }),
  'gitlab-token': () => ({ pos: [`GITLAB_TOKEN=${m.gitlab()}`, `git remote add b https://oauth2:${m.gitlab()}@gitlab.com/a/b.git`], neg: ['GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx'] }),
  'digitalocean-token': () => ({ pos: [`DO_TOKEN="${m.digitalocean()}"`], neg: [`DO_TOKEN="dop_v1_${'0'.repeat(64)}"`] }),
  'shopify-token': () => ({ pos: [`SHOPIFY_ACCESS_TOKEN=${m.shopify()}`], neg: ['SHOPIFY_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }),
  'heroku-api-key': () => ({ pos: [`HEROKU_API_KEY=${m.heroku()}`], neg: ['HEROKU_API_KEY=HRKU-AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }),
  'heroku-api-key-legacy': () => ({ pos: [`HEROKU_API_KEY = "${m.uuid()}"`], neg: [`HEROKU_APP_ID = "${m.uuid()}"`, `request_id = "${m.uuid()}"`] }),
  'discord-bot-token': () => ({
    pos: [`DISCORD_BOT_TOKEN = "${m.discordBot()}"`],
    neg: [`value = "M${m.alnum(25)}.${m.alnum(6)}.${m.alnum(38)}"`],
  }),
  'discord-webhook-url': () => ({ pos: [`WEBHOOK = "${m.discordWebhook()}"`], neg: ['WEBHOOK = "https://discord.com/api/webhooks/{id}/{token}"'] }),
  'telegram-bot-token': () => ({ pos: [`TELEGRAM_BOT_TOKEN=${m.telegram()}`], neg: ['TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'time = "12:30:45"'] }),
  'atlassian-api-token': () => ({ pos: [`JIRA_API_TOKEN=${m.atlassian()}`], neg: ['JIRA_API_TOKEN=ATATT3xFfGF0...'] }),
  'datadog-api-key': () => ({ pos: [`DD_API_KEY: "${m.hex(32)}"`, `<datadogApiKey>${m.hex(32)}</datadogApiKey>`], neg: [`dd_api_key: "${'0'.repeat(32)}"`, 'DD_API_KEY: ${DD_API_KEY}'] }),
  'slack-token': () => ({ pos: [`SLACK_BOT_TOKEN=${m.slackBot()}`, `app_token: ${m.slackApp()}`], neg: ['SLACK_BOT_TOKEN=xoxb-your-token', 'token: xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'token: xoxb-xxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx'] }),
  'slack-webhook-url': () => ({ pos: [`SLACK_WEBHOOK: ${m.slackWebhook()}`], neg: ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'] }),
  'stripe-secret-key': () => ({ pos: [`Stripe.api_key = "${m.stripe()}"`, `STRIPE_KEY=rk_live_${m.alnum(40)}`], neg: ['sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', `pk_live_${m.alnum(24)}`] }),
  'stripe-webhook-secret': () => ({ pos: [`$webhookSecret = '${m.stripeWebhook()}';`], neg: ["$webhookSecret = 'whsec_...';"] }),
};

/** The text a finding points at (line/column 1-based, endColumn exclusive). */
function matchedSpan(text: string, f: { line: number; column: number; endLine: number; endColumn: number }): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return text.slice(offset(f.line, f.column), offset(f.endLine, f.endColumn));
}

function builtinRuleIds(): string[] {
  const dir = join(REPO_ROOT, 'rules', 'secrets');
  const ids: string[] = [];
  for (const f of readdirSync(dir)) {
    const doc = parse(readFileSync(join(dir, f), 'utf8')) as { rules?: Array<{ id: string; keywords?: string[] }> };
    for (const r of doc.rules ?? []) ids.push(r.id);
  }
  return ids;
}

describe('built-in secret rules', () => {
  test('every rule has test cases and keywords', () => {
    const dir = join(REPO_ROOT, 'rules', 'secrets');
    for (const f of readdirSync(dir)) {
      const doc = parse(readFileSync(join(dir, f), 'utf8')) as { rules?: Array<{ id: string; keywords?: string[] }> };
      for (const r of doc.rules ?? []) expect({ id: r.id, keywords: (r.keywords ?? []).length > 0 }).toEqual({ id: r.id, keywords: true });
    }
    expect(builtinRuleIds().filter((id) => !CASES[id])).toEqual([]);
  });

  describe.each(Object.keys(CASES))('%s', (ruleId) => {
    const spec = CASES[ruleId]!();
    test.each(spec.pos.map((c, i) => [i, asCase(c)] as const))('finds positive #%d', async (_i, c) => {
      const found = await scanText(c.text, c.path);
      const mine = found.filter((f) => f.ruleId === ruleId);
      expect(mine.map((f) => f.line)).toContain(c.line ?? 1);
      // a finding never carries the value: its preview is exactly the redaction of the matched
      // span, and no run of the value longer than the redaction shows is anywhere in the finding
      for (const f of found) {
        const value = matchedSpan(c.text, f);
        expect(value.length).toBeGreaterThan(0);
        // The preview is a redaction (at most 6 leading characters and a length) of the matched
        // value, which is the span itself or, for rules with a `secret` group, a part of it.
        const m = /^([^]{0,6})…\((\d+) chars\)$/u.exec(f.preview);
        expect(m).not.toBeNull();
        expect(Number(m![2])).toBeLessThanOrEqual([...value].length);
        expect(value.includes(m![1]!)).toBe(true);
        if (f.preview.startsWith(value.slice(0, 6))) expect(f.preview).toBe(redact(value));
        const serialized = JSON.stringify(f);
        const window = 8;
        for (let i = 0; i + window <= value.length; i++) expect(serialized.includes(value.slice(i, i + window)) ? value.slice(i, i + window) : '').toBe('');
      }
    });
    test.each(spec.neg.map((c, i) => [i, asCase(c)] as const))('ignores negative #%d', async (_i, c) => {
      const found = await scanText(c.text, c.path);
      expect(found.map((f) => `${f.ruleId}:${f.line}:${f.preview}`)).toEqual([]);
    });
  });
});
