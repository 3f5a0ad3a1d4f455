// Builds the labelled evaluation corpus: files of many types, each line either
// unlabelled (a negative) or labelled with the kind of secret that starts on it.
// A snippet is a list of items: a string (negative line), P(kind, text) (a
// positive line) or P(kind, [lines]) (a multi-line secret labelled on its first line).
import { ALNUM, DIGITS, HEX, LOWER, UPPER, B64URL } from './tokens.mjs';

export const P = (kind, text) => ({ kind, lines: Array.isArray(text) ? text : [text] });

const b64 = (s) => Buffer.from(s).toString('base64');

// ---------------------------------------------------------------- syntaxes
// How a NAME = VALUE assignment is written in each file type. Names are
// adapted (camelCase in JS/Java, lower in YAML) the way people write them.
const camel = (n) => n.toLowerCase().replace(/[_.-]([a-z0-9])/g, (_, c) => c.toUpperCase());
const lowerDots = (n) => n.toLowerCase().replace(/_/g, '.');

export const SYNTAX = {
  py: [(n, v) => `${n} = "${v}"`, (n, v) => `${n.toLowerCase()} = '${v}'`, (n, v) => `    "${n.toLowerCase()}": "${v}",`, (n, v) => `client = Client(${n.toLowerCase()}="${v}")`, (n, v) => `os.environ.setdefault("${n}", "${v}")`],
  js: [(n, v) => `const ${n} = "${v}";`, (n, v) => `  ${camel(n)}: '${v}',`, (n, v) => `const ${camel(n)} = \`${v}\`;`, (n, v) => `process.env.${n} = process.env.${n} || "${v}";`],
  ts: [(n, v) => `export const ${n}: string = "${v}";`, (n, v) => `  private readonly ${camel(n)} = '${v}';`, (n, v) => `  ${camel(n)}: "${v}",`],
  go: [(n, v) => `\t${camel(n)} := "${v}"`, (n, v) => `const ${camel(n).replace(/^./, (c) => c.toUpperCase())} = "${v}"`, (n, v) => `\t\t${camel(n).replace(/^./, (c) => c.toUpperCase())}: "${v}",`, (n, v) => `\tos.Setenv("${n}", "${v}")`],
  java: [(n, v) => `    private static final String ${n} = "${v}";`, (n, v) => `        props.setProperty("${lowerDots(n)}", "${v}");`, (n, v) => `        String ${camel(n)} = "${v}";`],
  rb: [(n, v) => `${n} = '${v}'`, (n, v) => `  config.${n.toLowerCase()} = "${v}"`, (n, v) => `  ${n.toLowerCase()}: "${v}",`, (n, v) => `  :${n.toLowerCase()} => '${v}',`],
  cs: [(n, v) => `        private const string ${camel(n).replace(/^./, (c) => c.toUpperCase())} = "${v}";`, (n, v) => `            var ${camel(n)} = "${v}";`],
  php: [(n, v) => `$${camel(n)} = '${v}';`, (n, v) => `    '${n.toLowerCase()}' => '${v}',`, (n, v) => `define('${n}', '${v}');`],
  env: [(n, v) => `${n}=${v}`, (n, v) => `${n}="${v}"`, (n, v) => `export ${n}=${v}`, (n, v) => `${n}='${v}'`],
  yaml: [(n, v) => `  ${n.toLowerCase()}: ${v}`, (n, v) => `  ${n.toLowerCase()}: "${v}"`, (n, v) => `    ${n}: '${v}'`],
  json: [(n, v) => `  "${n.toLowerCase()}": "${v}",`, (n, v) => `    "${camel(n)}": "${v}"`],
  toml: [(n, v) => `${n.toLowerCase()} = "${v}"`, (n, v) => `${n.toLowerCase()} = '${v}'`],
  ini: [(n, v) => `${n.toLowerCase()} = ${v}`, (n, v) => `${n.toLowerCase()}=${v}`],
  properties: [(n, v) => `${lowerDots(n)}=${v}`, (n, v) => `${lowerDots(n)} = ${v}`, (n, v) => `${lowerDots(n)}: ${v}`],
  tf: [(n, v) => `  ${n.toLowerCase()} = "${v}"`, (n, v) => `variable "${n.toLowerCase()}" {\n  type        = string\n  sensitive   = true\n  default     = "${v}"\n}`],
  sh: [(n, v) => `export ${n}="${v}"`, (n, v) => `${n}=${v}`, (n, v) => `export ${n}='${v}'`],
  Dockerfile: [(n, v) => `ENV ${n}=${v}`, (n, v) => `ENV ${n} ${v}`, (n, v) => `ARG ${n}=${v}`, (n, v) => `ENV ${n}="${v}"`],
  xml: [(n, v) => `    <add key="${camel(n)}" value="${v}" />`, (n, v) => `    <${camel(n)}>${v}</${camel(n)}>`],
};

// ---------------------------------------------------------------- secrets
// Each family: the kind it is scored under, names people give it, and a value.
export function families(t, r) {
  return [
    { kind: 'aws', names: ['AWS_ACCESS_KEY_ID', 'aws_access_key_id', 'ACCESS_KEY', 'key_id'], value: t.awsKeyId },
    { kind: 'aws', names: ['AWS_SECRET_ACCESS_KEY', 'aws_secret_access_key', 'AWS_SECRET_KEY', 'secret_access_key'], value: t.awsSecret },
    { kind: 'github', names: ['GITHUB_TOKEN', 'GH_TOKEN', 'token', 'auth', 'gh_pat', 'value'], value: () => t.github() },
    { kind: 'github', names: ['GITHUB_PAT', 'token', 'personal_token'], value: t.githubFineGrained },
    { kind: 'openai', names: ['OPENAI_API_KEY', 'openai_key', 'api_key', 'key'], value: t.openai },
    { kind: 'anthropic', names: ['ANTHROPIC_API_KEY', 'CLAUDE_KEY', 'api_key', 'key'], value: t.anthropic },
    { kind: 'slack', names: ['SLACK_BOT_TOKEN', 'SLACK_TOKEN', 'slack_app_token', 'bot'], value: t.slack },
    { kind: 'slack', names: ['SLACK_WEBHOOK_URL', 'webhook', 'alerts_url'], value: t.slackWebhook },
    { kind: 'jwt', names: ['ACCESS_TOKEN', 'id_token', 'SERVICE_JWT', 'session'], value: () => t.jwt(r.pick(['HS256', 'RS256', 'ES256'])) },
    { kind: 'stripe', names: ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY', 'stripe_key', 'sk'], value: t.stripe },
    { kind: 'gcp', names: ['GOOGLE_API_KEY', 'MAPS_API_KEY', 'FIREBASE_KEY', 'gmaps'], value: t.gcpApiKey },
    { kind: 'npm', names: ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'npm_publish'], value: t.npm },
    { kind: 'pypi', names: ['PYPI_TOKEN', 'TWINE_PASSWORD', 'PYPI_API_TOKEN'], value: t.pypi },
    { kind: 'generic-password', names: ['DB_PASSWORD', 'password', 'MYSQL_ROOT_PASSWORD', 'SMTP_PASS', 'admin_password', 'REDIS_PASSWORD', 'passwd', 'pwd', 'LDAP_BIND_PASSWORD', 'keystore_password'], value: t.password },
    { kind: 'generic-secret', names: ['API_KEY', 'SECRET_KEY', 'CLIENT_SECRET', 'ACCESS_TOKEN', 'AUTH_TOKEN', 'JWT_SECRET', 'SESSION_SECRET', 'ENCRYPTION_KEY', 'WEBHOOK_SECRET', 'APP_SECRET', 'PRIVATE_TOKEN', 'SIGNING_KEY', 'MASTER_KEY', 'api_secret'], value: () => r.pick([t.apiKeyHex, t.apiKeyAlnum, () => r.str(ALNUM + '+/', 44)])() },
    { kind: 'twilio', names: ['TWILIO_API_KEY', 'twilio_key'], value: t.twilioApiKey },
    { kind: 'sendgrid', names: ['SENDGRID_API_KEY', 'sendgrid_key', 'SMTP_PASSWORD', 'mail_key'], value: t.sendgrid },
    { kind: 'mailgun', names: ['MAILGUN_API_KEY', 'mailgun_key', 'MG_KEY'], value: t.mailgun },
    { kind: 'huggingface', names: ['HF_TOKEN', 'HUGGINGFACE_HUB_TOKEN', 'hf_auth', 'token'], value: t.huggingface },
    { kind: 'gitlab', names: ['GITLAB_TOKEN', 'CI_PUSH_TOKEN', 'private_token', 'gl'], value: t.gitlab },
    { kind: 'digitalocean', names: ['DIGITALOCEAN_TOKEN', 'DO_TOKEN', 'do_api', 'spaces'], value: t.digitalocean },
    { kind: 'shopify', names: ['SHOPIFY_ACCESS_TOKEN', 'SHOPIFY_API_SECRET', 'shop_token', 'shopify'], value: t.shopify },
    { kind: 'heroku', names: ['HEROKU_API_KEY', 'heroku_token', 'HEROKU_AUTH', 'paas_token'], value: t.heroku },
    { kind: 'heroku', names: ['HEROKU_API_KEY', 'heroku_api_token'], value: t.herokuLegacy },
    { kind: 'discord', names: ['DISCORD_BOT_TOKEN', 'DISCORD_TOKEN', 'bot_token', 'discord'], value: t.discordBot },
    { kind: 'telegram', names: ['TELEGRAM_BOT_TOKEN', 'TG_TOKEN', 'bot_token', 'telegram'], value: t.telegramBot },
    { kind: 'atlassian', names: ['JIRA_API_TOKEN', 'ATLASSIAN_TOKEN', 'CONFLUENCE_TOKEN', 'jira'], value: t.atlassian },
    { kind: 'datadog', names: ['DD_API_KEY', 'DATADOG_API_KEY', 'DD_APP_KEY', 'datadog_api_key'], value: () => r.pick([t.datadog, t.datadogApp])() },
  ];
}

// ---------------------------------------------------------------- special contexts
export function specialPositives(t, r) {
  const host = () => r.pick(['db.internal', 'prod-db.acme.io', 'localhost', '10.0.3.17', 'pg-primary.svc.cluster.local', 'cluster0.ab1cd.mongodb.net']);
  const user = () => r.pick(['app', 'admin', 'svc_orders', 'deploy', 'reporting', 'api_user']);
  const pw = () => t.dbPassword();
  const dbUrl = () =>
    r.pick([
      () => `postgres://${user()}:${pw()}@${host()}:5432/orders`,
      () => `postgresql://${user()}:${pw()}@${host()}/app?sslmode=require`,
      () => `mysql://${user()}:${pw()}@${host()}:3306/shop`,
      () => `mongodb+srv://${user()}:${pw()}@${host()}/test?retryWrites=true&w=majority`,
      () => `redis://:${pw()}@${host()}:6379/0`,
      () => `amqp://${user()}:${pw()}@${host()}:5672/`,
      () => `postgresql+psycopg2://${user()}:${pw()}@${host()}/analytics`,
    ])();
  const authUrl = () => r.pick([`https://${user()}:${pw()}@git.acme.io/team/repo.git`, `https://${user()}:${pw()}@nexus.acme.io/repository/pypi/simple`, `ftp://${user()}:${pw()}@files.acme.io/upload`]);
  const basic = () => b64(`${user()}:${pw()}`);
  const opaque = () => r.pick([r.str(ALNUM, 40), r.str(HEX, 64), r.str(B64URL, 43)]);
  const gcpSa = () => {
    const key = t.pkcs8Key();
    const escaped = key.join('\\n') + '\\n';
    return [
      '{',
      '  "type": "service_account",',
      `  "project_id": "acme-prod-${r.str(DIGITS, 5)}",`,
      `  "private_key_id": "${r.str(HEX, 40)}",`,
      P('private-key', `  "private_key": "${escaped}",`),
      `  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",`,
      `  "client_id": "${r.str(DIGITS, 21)}",`,
      '  "auth_uri": "https://accounts.google.com/o/oauth2/auth",',
      '  "token_uri": "https://oauth2.googleapis.com/token",',
      '  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",',
      `  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/deployer%40acme-prod.iam.gserviceaccount.com"`,
      '}',
    ];
  };
  const pemKey = () => r.pick([t.rsaKey, t.pkcs8Key, t.ecKey, t.opensshKey])();
  return {
    dbUrl,
    authUrl,
    basic,
    opaque,
    gcpSa,
    pemKey,
    files: [
      // private keys in their own files, in code, in YAML and Terraform
      { path: 'deploy/id_rsa', lines: [P('private-key', t.rsaKey())] },
      { path: 'certs/server.key', lines: [P('private-key', t.pkcs8Key())] },
      { path: 'certs/ec.pem', lines: [P('private-key', t.ecKey())] },
      { path: 'keys/ci_ed25519', lines: [P('private-key', t.opensshKey())] },
      { path: 'certs/bundle.pem', lines: [P('private-key', t.pkcs8Key()), ...t.certificatePem()] },
      { path: 'config/gcp-service-account.json', lines: gcpSa() },
      { path: 'infra/sa-key.json', lines: gcpSa() },
      {
        path: 'src/signing.py',
        lines: ['import jwt', '', P('private-key', (() => { const k = t.rsaKey(); return [`SIGNING_KEY = """${k[0]}`, ...k.slice(1, -1), `${k.at(-1)}"""`]; })()), '', 'def sign(payload):', '    return jwt.encode(payload, SIGNING_KEY, algorithm="RS256")'],
      },
      {
        path: 'k8s/tls-secret.yaml',
        lines: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: tls', 'stringData:', '  tls.key: |', P('private-key', t.ecKey().map((l) => '    ' + l)), '  tls.crt: |', ...t.certificatePem().map((l) => '    ' + l)],
      },
      {
        path: 'infra/main.tf',
        lines: ['resource "tls_cert_request" "web" {', '  private_key_pem = <<EOT', P('private-key', t.rsaKey()), 'EOT', '}', ''],
      },
      {
        path: 'config/jwt.env',
        lines: ['JWT_ALG=RS256', P('private-key', `JWT_PRIVATE_KEY="${t.pkcs8Key().join('\\n')}"`), 'JWT_TTL=3600'],
      },
      {
        path: 'src/keys.js',
        lines: ['// deploy key for the mirror', P('private-key', (() => { const k = t.opensshKey(); return [`const DEPLOY_KEY = \`${k[0]}`, ...k.slice(1, -1), `${k.at(-1)}\`;`]; })()), 'module.exports = { DEPLOY_KEY };'],
      },
      { path: 'windows/service.key', crlf: true, lines: [P('private-key', t.rsaKey())] },
      {
        path: 'windows/app.config.ps1',
        crlf: true,
        lines: ['$ErrorActionPreference = "Stop"', P('generic-secret', `$env:API_TOKEN = "${r.str(ALNUM, 32)}"`), P('private-key', t.ecKey()), P('aws', `$env:AWS_ACCESS_KEY_ID = "${t.awsKeyId()}"`), 'Write-Host "done"'],
      },
      // registries and tools' credential files
      {
        path: 'project/.npmrc',
        lines: ['registry=https://registry.npmjs.org/', P('npm', `//registry.npmjs.org/:_authToken=${t.npm()}`), P('github', `//npm.pkg.github.com/:_authToken=${t.github('ghp')}`), 'always-auth=true'],
      },
      {
        path: 'ci/.npmrc',
        lines: ['@acme:registry=https://nexus.acme.io/repository/npm/', P('basic-auth', `//nexus.acme.io/repository/npm/:_auth=${basic()}`), 'email=ci@acme.io'],
      },
      { path: 'home/.pypirc', lines: ['[distutils]', 'index-servers =', '    pypi', '', '[pypi]', 'username = __token__', P('pypi', `password = ${t.pypi()}`), ''] },
      { path: 'ci/internal/.pypirc', lines: ['[internal]', 'repository = https://nexus.acme.io/repository/pypi/', 'username = deploy', P('generic-password', `password = ${t.password()}`)] },
      {
        path: 'home/.docker/config.json',
        lines: ['{', '  "auths": {', '    "registry.acme.io": {', P('basic-auth', `      "auth": "${basic()}"`), '    },', '    "https://index.docker.io/v1/": {', P('basic-auth', `      "auth": "${basic()}"`), '    }', '  }', '}'],
      },
      { path: 'home/.git-credentials', lines: [P('basic-auth', `https://deploy:${t.github('ghp')}@github.com`), P('basic-auth', `https://${user()}:${pw()}@gitlab.acme.io`)] },
      { path: 'home/.netrc', lines: ['machine api.acme.io', '  login deploy', P('generic-password', `  password ${t.password()}`)] },
      // headers and commands
      {
        path: 'scripts/call-api.sh',
        lines: ['#!/usr/bin/env bash', 'set -euo pipefail', P('auth-header', `curl -sS -H "Authorization: Bearer ${opaque()}" https://api.acme.io/v2/orders`), P('auth-header', `curl -H 'Authorization: Basic ${basic()}' https://jenkins.acme.io/api/json`), P('basic-auth', `curl -u admin:${pw()} https://es.acme.io:9200/_cat/indices`), P('github', `curl -H "Authorization: token ${t.github('ghp')}" https://api.github.com/user`), 'curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/v2/orders'],
      },
      {
        path: 'docs/api.http',
        lines: ['### list orders', 'GET https://api.acme.io/v2/orders', P('auth-header', `Authorization: Bearer ${opaque()}`), 'Accept: application/json', '', '### admin', 'GET https://api.acme.io/v2/admin', P('auth-header', `Authorization: Basic ${basic()}`), '', '### templated', 'GET https://api.acme.io/v2/me', 'Authorization: Bearer {{token}}'],
      },
      {
        path: 'src/client.py',
        lines: ['import requests', '', 'def fetch():', P('auth-header', `    headers = {"Authorization": "Bearer ${opaque()}", "Accept": "application/json"}`), '    return requests.get(URL, headers=headers)', '', 'def fetch2(token):', '    headers = {"Authorization": f"Bearer {token}"}', '    return requests.get(URL, headers=headers)'],
      },
      {
        path: 'src/api/http.ts',
        lines: ['export async function get(url: string) {', P('auth-header', `  const res = await fetch(url, { headers: { Authorization: 'Bearer ${opaque()}' } });`), '  return res.json();', '}', 'export const withToken = (t: string) => ({ Authorization: `Bearer ${t}` });', P('generic-secret', `axios.defaults.headers.common['X-API-Key'] = '${r.str(HEX, 32)}';`)],
      },
      // URLs with credentials
      {
        path: 'config/database.yml',
        lines: ['production:', '  adapter: postgresql', P('database-url', `  url: ${dbUrl()}`), '  pool: 10', 'development:', '  url: postgres://localhost:5432/dev'],
      },
      { path: 'settings/prod.py', lines: ['import os', P('database-url', `DATABASE_URL = "${dbUrl()}"`), P('database-url', `CELERY_BROKER_URL = '${dbUrl()}'`), 'CACHE_URL = os.environ.get("CACHE_URL", "redis://localhost:6379/1")'] },
      { path: 'requirements-private.txt', lines: [P('basic-auth', `--extra-index-url ${authUrl()}`), 'requests==2.32.3', 'django>=4.2,<5'] },
      { path: 'scripts/mirror.sh', lines: ['#!/bin/sh', P('basic-auth', `git clone ${authUrl()}`), P('basic-auth', `git remote add backup https://oauth2:${t.gitlab()}@gitlab.com/acme/app.git`)] },
      // kubernetes env blocks: the name on one line, the value on the next
      {
        path: 'k8s/deployment.yaml',
        lines: ['apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          env:', '            - name: DB_HOST', '              value: db.internal', '            - name: DB_PASSWORD', P('generic-password', `              value: "${t.password()}"`), '            - name: STRIPE_KEY', P('stripe', `              value: ${t.stripe()}`), '            - name: API_TOKEN', '              valueFrom:', '                secretKeyRef:', '                  name: api', '                  key: token'],
      },
      // GitHub Actions: literal secrets next to proper references
      {
        path: '.github/workflows/release.yml',
        lines: ['name: release', 'on: push', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    env:', '      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}', P('slack', `      SLACK_WEBHOOK: ${t.slackWebhook()}`), '    steps:', '      - uses: actions/checkout@v4', '      - run: npm publish', '        env:', P('npm', `          NPM_TOKEN: ${t.npm()}`)],
      },
      // a notebook: code cells are JSON strings with escaped quotes
      {
        path: 'notebooks/analysis.ipynb',
        lines: [
          '{',
          ' "cells": [',
          '  {',
          '   "cell_type": "code",',
          '   "execution_count": 1,',
          '   "metadata": {},',
          '   "outputs": [],',
          '   "source": [',
          '    "import openai\\n",',
          P('openai', `    "openai.api_key = \\"${t.openai()}\\"\\n",`),
          P('generic-password', `    "conn = psycopg2.connect(host=\\"db\\", user=\\"analyst\\", password=\\"${t.password()}\\")\\n",`),
          P('huggingface', `    "login(token=\\"${t.huggingface()}\\")\\n",`),
          P('generic-secret', `    "API_KEY = \\"${r.str(HEX, 40)}\\"\\n",`),
          '    "df = pd.read_csv(\\"data.csv\\")"',
          '   ]',
          '  },',
          '  {',
          '   "cell_type": "code",',
          '   "execution_count": 2,',
          '   "metadata": {},',
          '   "outputs": [{"data": {"image/png": "' + t.base64Png().replace('data:image/png;base64,', '') + '"}, "output_type": "display_data"}],',
          '   "source": ["df.plot()"]',
          '  }',
          ' ],',
          ' "metadata": {"kernelspec": {"name": "python3"}},',
          ' "nbformat": 4,',
          ' "nbformat_minor": 5',
          '}',
        ],
      },
      // Azure connection strings
      {
        path: 'src/Web/appsettings.json',
        lines: ['{', '  "ConnectionStrings": {', P('azure', `    "Storage": "DefaultEndpointsProtocol=https;AccountName=acmeprod${r.str(LOWER, 4)};AccountKey=${t.azureStorageKey()};EndpointSuffix=core.windows.net",`), P('generic-password', `    "Sql": "Server=tcp:acme.database.windows.net,1433;Database=app;User ID=app;Password=${t.password()};Encrypt=true;"`), '  },', '  "Logging": { "LogLevel": { "Default": "Information" } }', '}'],
      },
      { path: 'deploy/azure.env', lines: [P('azure', `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acme${r.str(LOWER, 6)};AccountKey=${t.azureStorageKey()};EndpointSuffix=core.windows.net"`), P('azure', `AZURE_STORAGE_KEY=${t.azureStorageKey()}`)] },
      // Twilio account sid + auth token
      { path: 'src/sms.rb', lines: ["require 'twilio-ruby'", `account_sid = 'AC${r.str(HEX, 32)}'`, P('twilio', `auth_token = '${r.str(HEX, 32)}'`), '@client = Twilio::REST::Client.new(account_sid, auth_token)'] },
      // harder shapes: suffixes after the name, fallbacks, #define, Rust types, compose lists, command lines
      {
        path: 'misc/hard_cases.txt.py',
        lines: [
          P('generic-secret', `SECRET_KEY = 'django-insecure-${r.str(LOWER + DIGITS + '!@#%^&*(-_=+)', 50)}'`),
          P('generic-secret', `app.config['SECRET_KEY'] = '${r.str(HEX, 48)}'`),
          P('generic-secret', `API_KEY = os.environ.get("API_KEY") or "${r.str(ALNUM, 32)}"`),
          P('generic-password', `DB_PASSWORD = os.getenv("DB_PASSWORD", "${t.password()}")`),
          'SECRET_KEY = get_random_secret_key()',
          'password = hashlib.sha256(raw.encode()).hexdigest()',
          'api_key = "sk-proj-abc123"',
          'STRIPE_PUBLISHABLE_KEY = "pk_live_' + r.str(ALNUM, 24) + '"',
          'csrf_token = "{{ csrf_token() }}"',
          'TOKEN_REGEX = "^ghp_[A-Za-z0-9]{36}$"',
        ],
      },
      { path: 'config/secrets.yml', lines: ['production:', P('generic-secret', `  secret_key_base: ${r.str(HEX, 128)}`), '  api_host: api.acme.io'] },
      { path: 'src/server.js', lines: [P('generic-secret', `const apiKey = process.env.API_KEY || "${r.str(ALNUM, 32)}";`), 'const port = process.env.PORT || 3000;', P('generic-password', `const dbPass = process.env.DB_PASS ?? '${t.password()}';`)] },
      { path: 'native/config.h', lines: ['#pragma once', P('generic-secret', `#define API_KEY "${r.str(ALNUM, 32)}"`), '#define API_HOST "api.acme.io"'] },
      { path: 'src/main.rs', lines: [P('generic-secret', `const API_TOKEN: &str = "${r.str(ALNUM, 40)}";`), 'const API_URL: &str = "https://api.acme.io";'] },
      { path: 'compose.yaml', lines: ['services:', '  db:', '    image: mysql:8', '    environment:', P('generic-password', `      - MYSQL_ROOT_PASSWORD=${t.password()}`), '      - MYSQL_DATABASE=app', '      - MYSQL_PASSWORD=${MYSQL_PASSWORD}'] },
      { path: 'scripts/run-local.sh', lines: ['#!/bin/sh', P('generic-password', `docker run -d -e POSTGRES_PASSWORD=${t.password()} -p 5432:5432 postgres:16`), P('generic-password', `mysql -u root -p${t.password()} app < dump.sql`), P('generic-password', `docker login -u deploy -p ${t.password()} registry.acme.io`), 'echo "$REGISTRY_PASSWORD" | docker login -u deploy --password-stdin registry.acme.io', 'mysql -u root -p app < dump.sql'] },
      { path: 'Makefile', lines: ['IMAGE ?= acme/app', P('generic-secret', `API_TOKEN ?= ${r.str(ALNUM, 36)}`), 'build:', '\tdocker build -t $(IMAGE) .'] },
      { path: 'config/stripe.php', lines: ['<?php', P('stripe', `$webhookSecret = 'whsec_${r.str(ALNUM, 32)}';`), P('gcp', `$googleClientSecret = 'GOCSPX-${r.str(B64URL, 28)}';`)] },
      // markdown with secrets pasted into code blocks
      {
        path: 'docs/onboarding.md',
        lines: ['# Onboarding', '', 'Set these before running the app:', '', '```bash', P('aws', `export AWS_ACCESS_KEY_ID=${t.awsKeyId()}`), P('aws', `export AWS_SECRET_ACCESS_KEY=${t.awsSecret()}`), '```', '', 'The staging Slack bot token is `' + '`.', '', P('slack', `Bot token for staging: \`${t.slack()}\``), '', 'Use the example key `AKIAIOSFODNN7EXAMPLE` in tests.'],
      },
    ],
  };
}

// ---------------------------------------------------------------- negatives
export function negativeFiles(t, r) {
  const lockEntries = (n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      const name = r.pick(['lodash', 'chalk', 'debug', 'ms', 'semver', 'yaml', 'zod', 'acorn', 'glob', 'minimatch']) + (i ? `-${i}` : '');
      out.push(`    "node_modules/${name}": {`, `      "version": "${r.int(9)}.${r.int(20)}.${r.int(9)}",`, `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.0.${i}.tgz",`, `      "integrity": "${t.sri()}",`, '      "dev": true', '    },');
    }
    return out;
  };
  const commits = (n) => Array.from({ length: n }, () => `${t.gitSha().slice(0, r.pick([7, 40]))} ${r.pick(['fix: token refresh race', 'feat: rotate api keys', 'chore: bump deps', 'docs: password policy'])}`);
  return [
    { path: 'package-lock.json', lines: ['{', '  "name": "app",', '  "lockfileVersion": 3,', '  "packages": {', ...lockEntries(12), '  }', '}'] },
    { path: 'yarn.lock', lines: Array.from({ length: 8 }, (_, i) => [`"pkg-${i}@^1.0.0":`, `  version "1.0.${i}"`, `  resolved "https://registry.yarnpkg.com/pkg-${i}/-/pkg-${i}-1.0.${i}.tgz#${t.gitSha()}"`, `  integrity ${t.sri()}`, '']).flat() },
    { path: 'go.sum', lines: Array.from({ length: 10 }, (_, i) => `github.com/acme/mod${i} v1.${i}.0 h1:${Buffer.from(t.sha256(), 'hex').toString('base64')}`) },
    { path: 'Cargo.lock', lines: Array.from({ length: 6 }, (_, i) => ['[[package]]', `name = "crate${i}"`, `version = "0.${i}.1"`, 'source = "registry+https://github.com/rust-lang/crates.io-index"', `checksum = "${t.sha256()}"`, '']).flat() },
    { path: 'poetry.lock', lines: ['[[package]]', 'name = "requests"', 'version = "2.32.3"', 'files = [', `    {file = "requests-2.32.3-py3-none-any.whl", hash = "sha256:${t.sha256()}"},`, `    {file = "requests-2.32.3.tar.gz", hash = "sha256:${t.sha256()}"},`, ']'] },
    { path: 'Pipfile.lock', lines: ['{', '  "default": {', '    "django": {', '      "hashes": [', `        "sha256:${t.sha256()}",`, `        "sha256:${t.sha256()}"`, '      ],', '      "version": "==4.2.11"', '    }', '  }', '}'] },
    { path: 'CHANGELOG.md', lines: ['# Changelog', '', '## 2.3.0', ...commits(12).map((c) => `- ${c}`), '', `Full diff: https://github.com/acme/app/compare/${t.gitSha()}...${t.gitSha()}`] },
    { path: 'web/index.html', lines: ['<!doctype html>', '<html>', '<head>', `  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.min.js" integrity="${t.sri384()}" crossorigin="anonymous"></script>`, `  <link rel="stylesheet" href="/app.css" integrity="${t.sri384()}">`, '</head>', '<body>', `  <img alt="logo" src="${t.base64Png()}">`, '  <form><label for="password">Password</label><input type="password" name="password" id="password" placeholder="Enter your password"></form>', '</body>', '</html>'] },
    { path: 'web/styles.css', lines: ['.logo {', `  background-image: url("${t.base64Png()}");`, '}', '.token { color: #ff00aa; }'] },
    { path: 'Dockerfile.base', lines: [`FROM python:3.12-slim@sha256:${t.sha256()}`, 'ARG PIP_INDEX_URL', 'ENV PYTHONUNBUFFERED=1', 'ENV API_KEY=${API_KEY}', 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci', 'COPY . /app'] },
    { path: 'docker-compose.yml', lines: ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}', '      POSTGRES_USER: app', '  api:', '    environment:', '      - DATABASE_URL=postgres://app:${POSTGRES_PASSWORD}@db:5432/app', '      - SECRET_KEY=${SECRET_KEY:?set it}', '      - REDIS_URL=redis://redis:6379/0'] },
    { path: '.github/workflows/ci.yml', lines: ['name: ci', 'on: [push]', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    env:', '      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}', '      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}', '      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}', '    steps:', `      - uses: actions/checkout@${t.gitSha()}`, '      - uses: actions/setup-node@v4', '        with:', '          token: ${{ github.token }}'] },
    { path: 'helm/templates/secret.yaml', lines: ['apiVersion: v1', 'kind: Secret', 'stringData:', '  password: {{ .Values.db.password | quote }}', '  api-key: {{ required "apiKey" .Values.apiKey }}', '  token: "{{ .Values.token }}"'] },
    { path: '.env.example', lines: ['# copy to .env and fill in', 'OPENAI_API_KEY=your-api-key-here', 'ANTHROPIC_API_KEY=sk-ant-...', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'DB_PASSWORD=changeme', 'SECRET_KEY=<generate with openssl rand -hex 32>', 'STRIPE_SECRET_KEY=sk_test_...', 'SLACK_BOT_TOKEN=xoxb-your-token', 'DATABASE_URL=postgres://user:password@localhost:5432/app', 'JWT_SECRET=', 'API_TOKEN=<TOKEN>', 'SENDGRID_API_KEY=SG.xxxxxxxx', 'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] },
    { path: 'config/settings.py', lines: ['import os', 'from getpass import getpass', '', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'DB_PASSWORD = os.getenv("DB_PASSWORD")', 'API_KEY = os.environ.get("API_KEY", "")', 'password = None', 'token: str | None = None', 'admin_password = getpass("Admin password: ")', 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]', 'AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]', 'PASSWORD_RESET_TIMEOUT = 259200', 'SESSION_COOKIE_NAME = "sessionid"', 'TOKEN_URL = "https://oauth2.googleapis.com/token"', 'secret_name = "prod/db/password"', 'password_field = "password"', 'api_key_header = "X-API-Key"', 'AWS_SECRET_ACCESS_KEY = settings.AWS_SECRET_ACCESS_KEY', 'password = request.form["password"]', 'token = request.headers.get("Authorization", "").removeprefix("Bearer ")', 'password = input("Password: ")', 'if password == "":', '    raise ValueError("empty password")', 'cursor.execute("UPDATE users SET password = %s WHERE id = %s", (hashed, uid))', 'conn = psycopg2.connect(dsn, password=os.environ["PGPASSWORD"])', 'TOKEN_EXPIRY_SECONDS = 3600'] },
    { path: 'src/auth.ts', lines: ["import { z } from 'zod';", 'const apiKey = process.env.API_KEY;', 'const token = process.env.GITHUB_TOKEN ?? "";', 'export const schema = z.object({ password: z.string().min(12), token: z.string() });', "const secret = config.get('jwt.secret');", 'function login(username: string, password: string) {', '  return api.post("/login", { username, password });', '}', "const headers = { Authorization: `Bearer ${token}` };", 'const PASSWORD_MIN_LENGTH = 12;', "const passwordRegex = /^(?=.*[A-Z])(?=.*\\d).{12,}$/;", "export const TOKEN_KEY = 'auth_token';", "localStorage.setItem('access_token', accessToken);", 'type Credentials = { apiKey: string; secret: string };', "const secretName = 'projects/acme/secrets/api-key/versions/latest';"] },
    { path: 'src/i18n/en.json', lines: ['{', '  "login.password": "Password",', '  "login.password_hint": "At least 12 characters, one digit",', '  "login.forgot_password": "Forgot your password?",', '  "settings.api_key": "API key",', '  "settings.api_key_help": "Create an API key in Settings > Developer",', '  "errors.invalid_token": "Your session token has expired, please sign in again",', '  "secret_question": "What was the name of your first pet?",', '  "password_too_weak": "This password is too weak"', '}'] },
    { path: 'src/i18n/fr.yaml', lines: ['login:', '  password: Mot de passe', '  password_confirm: Confirmez le mot de passe', '  token_expired: Votre jeton a expiré', 'settings:', '  api_key: Clé API', '  secret: Secret partagé'] },
    { path: 'tests/fixtures/users.json', lines: ['[', `  {"id": "${t.uuid()}", "email": "a@example.com", "password": "password"},`, `  {"id": "${t.uuid()}", "email": "b@example.com", "password": "test"},`, `  {"id": "${t.uuid()}", "api_key": "test-api-key", "token": "fake-token-for-tests"}`, ']'] },
    { path: 'tests/test_client.py', lines: ['import pytest', '', 'FAKE_TOKEN = "ghp_" + "x" * 36', `BAD_CHECKSUM = "${t.githubBadChecksum()}"`, `BAD_NPM = "${t.npmBadChecksum()}"`, 'API_KEY = "test_api_key"', 'PASSWORD = "secret"', '', 'def test_login(client):', '    resp = client.post("/login", json={"user": "bob", "password": "hunter2"})', '    assert resp.status_code == 401', '', 'def test_token(monkeypatch):', '    monkeypatch.setenv("API_TOKEN", "dummy-token")', '    assert load() == "dummy-token"'] },
    { path: 'src/models.go', lines: ['package models', '', 'type User struct {', '\tID       string `json:"id"`', '\tPassword string `json:"password,omitempty"`', '\tAPIKey   string `json:"api_key"`', '}', '', 'func Load() Config {', '\treturn Config{Token: os.Getenv("TOKEN"), Password: os.Getenv("DB_PASSWORD")}', '}', `const RequestIDHeader = "X-Request-Id"`, `var buildCommit = "${t.gitSha()}"`] },
    { path: 'src/main/java/com/acme/Config.java', lines: ['package com.acme;', '', 'public class Config {', '    private String password;', '    private final String apiKey = System.getenv("API_KEY");', '    public static final String PASSWORD_PARAM = "password";', '    @Value("${db.password}")', '    private String dbPassword;', '    public void setPassword(String password) { this.password = password; }', `    private static final String SCHEMA_ID = "${t.uuid()}";`, '}'] },
    { path: 'config/application.properties', lines: ['spring.datasource.url=jdbc:postgresql://db:5432/app', 'spring.datasource.username=app', 'spring.datasource.password=${DB_PASSWORD}', 'jwt.secret=${JWT_SECRET:}', 'server.ssl.key-store-password=${KEYSTORE_PASSWORD}', 'security.token.ttl=3600', 'management.endpoints.web.exposure.include=health'] },
    { path: 'infra/variables.tf', lines: ['variable "db_password" {', '  type      = string', '  sensitive = true', '}', 'resource "aws_db_instance" "main" {', '  password = var.db_password', '  username = "app"', `  kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/${t.uuid()}"`, '}', 'data "aws_secretsmanager_secret_version" "api" {', '  secret_id = "prod/api-key"', '}'] },
    { path: 'config/app.toml', lines: ['[server]', 'port = 8080', '[auth]', 'token_ttl = "1h"', 'secret = "${APP_SECRET}"', 'password_min_length = 12', `tenant_id = "${t.uuid()}"`] },
    { path: 'config/app.ini', lines: ['[database]', 'host = localhost', 'user = app', 'password = %(DB_PASSWORD)s', '[api]', 'key_file = /etc/acme/api.key', 'token = ${API_TOKEN}'] },
    { path: 'scripts/deploy.sh', lines: ['#!/usr/bin/env bash', 'export AWS_PROFILE=prod', 'export GITHUB_TOKEN="$(gh auth token)"', 'TOKEN=$(vault kv get -field=token secret/ci)', 'read -rsp "Password: " PASSWORD', 'curl -H "Authorization: Bearer ${TOKEN}" https://api.acme.io', 'docker login -u "$REGISTRY_USER" -p "$REGISTRY_PASSWORD" registry.acme.io', `echo "deploying ${t.gitSha()}"`] },
    { path: 'docs/README.md', lines: ['# API', '', 'Authenticate with a bearer token:', '', '```', 'curl -H "Authorization: Bearer <YOUR_TOKEN>" https://api.acme.io', '```', '', 'Example AWS configuration:', '', '```ini', '[default]', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '```', '', 'Connection string: `postgres://USER:PASSWORD@HOST:5432/DB`', '', 'A GitHub token looks like `ghp_` followed by 36 characters.', 'Set `OPENAI_API_KEY=sk-...` in your shell.', 'The Slack webhook looks like https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'Use the JWT from jwt.io: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'Stripe test key from the docs: sk_test_4eC39HqLyjWDarjtT1zdp7dc'] },
    { path: 'docs/keys.md', lines: ['## Keys', '', 'Put your key in `~/.ssh/id_rsa`. It starts with:', '', '```', '-----BEGIN RSA PRIVATE KEY-----', '...', '-----END RSA PRIVATE KEY-----', '```', '', 'Our public key:', '', '```', ...t.publicKeyPem(), '```', '', `Deploy key: \`${t.sshPublicKey()}\``] },
    { path: 'certs/ca.crt', lines: t.certificatePem() },
    { path: 'certs/public.pem', lines: t.publicKeyPem() },
    { path: 'home/.ssh/authorized_keys', lines: [t.sshPublicKey(), `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${t.awsSecret()}${t.awsSecret()}${t.awsSecret()} ops@bastion`] },
    { path: 'src/pem.py', lines: ['def is_private_key(text: str) -> bool:', '    return "-----BEGIN RSA PRIVATE KEY-----" in text or "-----BEGIN PRIVATE KEY-----" in text', '', 'PEM_HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----"', 'PEM_FOOTER = "-----END OPENSSH PRIVATE KEY-----"'] },
    { path: 'tests/fixtures/sa.json', lines: ['{', '  "type": "service_account",', '  "private_key_id": "abc123",', '  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\\n-----END PRIVATE KEY-----\\n",', '  "client_email": "test@example.iam.gserviceaccount.com"', '}'] },
    { path: 'data/ids.csv', lines: ['id,tenant,created', ...Array.from({ length: 15 }, () => `${t.uuid()},${t.uuid()},2024-0${1 + r.int(9)}-1${r.int(9)}`)] },
    { path: 'data/checksums.sha256', lines: Array.from({ length: 8 }, (_, i) => `${t.sha256()}  dist/app-${i}.tar.gz`) },
    { path: 'dist/app.min.js', lines: [`!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.p="";var a={password:"",token:e.token,apiKey:e.apiKey||"",secret:void 0,h:"${t.sha256()}",k:"${r.str(ALNUM, 30)}",authorization:"Bearer "+e.token};n(n.s=0)}([function(e,t){e.exports={id:"${t.uuid()}",rev:"${t.gitSha()}"}}]);`] },
    { path: 'src/constants.rb', lines: ['module Constants', '  PASSWORD_MIN = 12', "  TOKEN_HEADER = 'X-Auth-Token'", "  API_KEY = ENV['API_KEY']", "  SECRET = ENV.fetch('SECRET_KEY_BASE')", "  password = Rails.application.credentials.dig(:db, :password)", 'end'] },
    { path: 'src/Config.cs', lines: ['public class Config {', '    public string Password { get; set; }', '    public string ApiKey => Environment.GetEnvironmentVariable("API_KEY");', '    private const string TokenHeader = "X-Api-Token";', '}'] },
    { path: 'config/services.php', lines: ['<?php', 'return [', "    'stripe' => ['secret' => env('STRIPE_SECRET')],", "    'mailgun' => ['secret' => env('MAILGUN_SECRET'), 'domain' => env('MAILGUN_DOMAIN')],", "    'password' => getenv('DB_PASSWORD'),", '];'] },
    { path: 'src/crypto_test.go', lines: ['package crypto', '', `var sha = "${t.sha256()}"`, `var sum = "${t.gitSha()}"`, `var id = "${t.uuid()}"`, 'var secretKey = []byte(os.Getenv("SECRET"))', 'const tokenPrefix = "Bearer "'] },
    { path: 'README.md', lines: ['# acme', '', 'Set `GITHUB_TOKEN` and `OPENAI_API_KEY` in your environment.', 'Never commit your password or API key.', '', '```yaml', 'api_key: ${API_KEY}', 'password: "{{ vault_db_password }}"', 'token: !Ref ApiToken', '```', '', `Build ${t.gitSha()} — image digest sha256:${t.sha256()}.`] },
    { path: 'notebooks/explore.ipynb', lines: ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "source": [', '    "import os\\n",', '    "api_key = os.environ[\\"OPENAI_API_KEY\\"]\\n",', '    "password = getpass.getpass()\\n"', '   ],', `   "outputs": [{"data": {"image/png": "${t.base64Png().replace('data:image/png;base64,', '')}"}, "output_type": "display_data"}]`, '  }', ' ],', ' "nbformat": 4', '}'] },
    { path: 'config/secrets.template.yaml', lines: ['db:', '  password: changeme', '  user: app', 'api:', '  key: xxxxxxxxxxxxxxxxxxxxxxxx', '  token: <insert token here>', 'aws:', '  access_key_id: AKIAXXXXXXXXXXXXXXXX', '  secret_access_key: "****************************************"', 'slack:', '  token: xoxb-xxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx', 'openai:', '  api_key: sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'] },
    { path: 'ansible/group_vars/all.yml', lines: ['db_password: "{{ vault_db_password }}"', 'api_token: "{{ lookup(\'env\', \'API_TOKEN\') }}"', 'admin_password: !vault |', '  $ANSIBLE_VAULT;1.1;AES256', `  ${r.str(DIGITS + 'abcdef', 64)}`, `  ${r.str(DIGITS + 'abcdef', 64)}`] },
    { path: 'kustomize/secret.yaml', lines: ['apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'spec:', '  encryptedData:', `    password: AgB${r.str(ALNUM + '+/', 300)}==`] },
    { path: 'src/hash.py', lines: ['import hashlib', `EXPECTED = "${t.sha256()}"`, `PASSWORD_HASH = "$2b$12$${r.str(ALNUM + './', 53)}"`, `password_hash = "pbkdf2_sha256$600000$${r.str(ALNUM, 22)}$${r.str(ALNUM + '+/', 43)}="`, `token_hash = "${t.sha256()}"`, `commit_sha = "${t.gitSha()}"`] },
    { path: 'scripts/example_urls.py', lines: ['LOCAL = "postgres://localhost:5432/app"', 'NOPASS = "postgresql://app@db:5432/app"', 'TEMPLATED = f"postgresql://{user}:{password}@{host}/{db}"', 'ENVURL = "mysql://root:${MYSQL_ROOT_PASSWORD}@db/app"', 'DOC = "https://user:pass@example.com/path"', 'SAME = "mysql://root:root@localhost/test"', 'GRAPHQL = "https://api.github.com/graphql"'] },
    { path: 'src/checks.js', lines: ['// GitHub tokens look like this; the checksum below is wrong on purpose', `const notAToken = "${t.githubBadChecksum()}";`, `const alsoNot = "${t.githubBadChecksum()}";`, `const npmNot = "${t.npmBadChecksum()}";`, "const re = /ghp_[A-Za-z0-9]{36}/;", "const prefix = 'sk-ant-api03-';"] },
    { path: 'docs/jwt.md', lines: ['# Tokens', '', 'Unsigned tokens (alg none) are rejected:', '', '    eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.', '', 'This is not a JWT: eyJ' + r.str(ALNUM, 20) + '.eyJ' + r.str(ALNUM, 30) + '.' + r.str(ALNUM, 30)] },
  ];
}
