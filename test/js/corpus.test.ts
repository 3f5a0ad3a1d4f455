import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';

/**
 * The labelled JavaScript/TypeScript corpus (test/js/corpus, format in scripts/eval-js.mjs): with
 * the labels stripped, the built CLI must reach the bar on it - CWE-matched recall >= 0.85
 * and labelled precision >= 0.90 - and every miss or false positive is listed when it does not.
 */
const CORPUS = join(REPO_ROOT, 'test', 'js', 'corpus');
const EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sourceFiles(p) : EXT.test(e) ? [p] : [];
  });
}

/** Safe look-alikes of the last held-out batch still flagged, each with the reason it is. */
const KNOWN_FLAGGED = new Set([
  // a GraphQL String! argument in a Mongo filter: the schema's scalar type is not read
  'blind9/catalog-graphql.ts:107',
  // a Gravatar md5, safe to this author: other batches label a Gravatar md5 vulnerable
  'blind10/web/pages/share/[token].tsx:132',
  // a URL whose base comes from a constant table picked by the request (`UPSTREAMS[name]`): which entry is not known
  'blind11/hono-node-gateway/src/routes/proxy.ts:18',
  // Meteor's check(x, String) before a query: an assertion statement that types its argument is not understood
  'blind12/meteor-chat/server/methods.js:35',
  // a redirect allowed when `TRUSTED.has(new URL(dest).hostname)`, the URL parsed inside a try block
  'blind12/restify-files/handlers/preview.js:47',
  // the legacy url.parse → host allow-listed → url.format(parsed): the formatted URL is not known to be the checked one
  'blind16/mailer-worker/worker.js:21',
  // jwt.decode only to read exp for a refresh timer: the rule cannot tell what the claims are used for
  'blind10/platform-tools/bin/deploy.js:59',
  // session 9, batches 19-21 (scored as they came: 0.905 / 0.950, 0.903 / 0.966, 0.971 / 0.943): a same-origin helper
  // comparing `new URL(next, origin).origin` with the request's own origin in a ternary is not read as a guard
  'blind21/customer-portal/src/routes/login/+page.server.ts:26',
  // session 10, batches 23-24 (scored as they came: 0.838 / 0.925 and 0.809 / 0.862; 0.919 / 0.944 and 0.882 / 0.952
  // after this session's changes): a file written where the user chose in a save dialog, the dialog's default name
  // built from the renderer's title; a proxy URL whose base comes from a config table picked by the route parameter
  // (as blind11)
  'blind23/desktop/src/ipc.ts:52',
  'blind23/gateway/src/routes/proxy.ts:26',
  // batch 26 (scored as it came, after this session's changes: 0.957 / 0.870; 0.957 / 0.893 after Koa's ctx.assert
  // as a guard and rows fetched by a key not being redirect text): request data checked by a Fastify route's JSON
  // schema (an enum) and by hapi's Joi validation (a pattern) before the query: the schemas are not read
  'blind26/catalog-fastify/server.js:53',
  'blind26/inventory-hapi/server.js:65',
  // session 11, batch 28 (SvelteKit/Nuxt/Remix/tRPC/Astro; scored as it came: 0.905 / 0.944; 0.946 / 0.959 after): a
  // Gravatar md5 (authors split, as blind10); a post's HTML from the database, sanitised when it was stored (rows are
  // not told apart by how they were written)
  'blind28/remix-blog/app/routes/posts.$slug.tsx:26',
  'blind28/remix-blog/app/routes/posts.$slug.tsx:69',
  // (batch 29, Discord/Slack bots, Lambdas with DynamoDB: 0.843 / 0.952 as it came, 0.971 / 0.971 after; batch 30, AI
  // features - AI SDK and LangChain.js tools, an MCP server, RAG ingestion: 0.843 / 0.952 as it came after this
  // session's MCP work, 0.914 / 0.970 after; batch 31, an Express/Mongoose back office scored last: 0.887 / 0.853 as
  // it came - a typed req: Request was untrusted as a whole, req.user included - 0.873 / 0.984 after; none has a
  // flagged safe line)
  // batch 32 (Workers/Hono, Supabase, Firebase, Vercel, Vue; scored after everything: 0.851 / 0.866, 0.925 / 0.899
  // after): none left (session 13: a regex built from a helper's parameter that every call passes a constant is no
  // longer reported when the file is analysed again with its callers' data; a receipt read under a folder named by
  // the caller's account id is not flagged: the project helper that turns the id into a number returns a constant)
  // batch 34 (NestJS/TypeORM, type-graphql, Koa webhooks, an Angular admin, puppeteer/exceljs reports; scored after
  // everything: 0.831 / 0.967, 0.958 / 0.958 after): a login redirect to a value checked by LIST.some((p) => v === p ||
  // v.startsWith(`${p}/`)) (a callback's comparison is not read as an allow-list). (Invoice HTML for puppeteer whose
  // database values passed a project formatter is quiet since session 14: a query's rows are the table's data.)
  'blind34/payments-api/src/auth/auth.controller.ts:73',
  // batch 35 (Fastify + Mercurius, Elasticsearch, MongoDB aggregations, BullMQ, Deno Oak, jQuery + Handlebars; scored
  // after everything: 0.789 / 0.875, 0.901 / 0.914 after): no safe look-alike flagged. Its misses are where the
  // author labels a line mso does not report on: a stage of a multi-line aggregation pipeline (mso reports the
  // aggregate() call), the `find()` after a `$where` built on the line before (mso reports the `$where`); and an Elasticsearch reindex from a remote host (a nested
  // `source.remote.host`), a raw query DSL parsed from JSON, a stack trace behind a debug flag that defaults on.
  // batches 36 (headless CMS: 0.913 / 0.969, 0.971 / 0.971 after) and 37 (microservices: NestJS transports, gRPC,
  // Redis/NATS pub/sub, Temporal; 0.870 / 0.952, 0.957 / 0.971 after): no safe look-alike flagged either. Their misses:
  // a webhook URL read from the CMS's own collection, a `cart` cookie without `secure`, a Temporal activity's input
  // (an exported function's parameter reaches no path sink), a worker's handlers reached through a table of another
  // module's functions; their extra findings are a merge reported at its call and a second use of a path.
  // batch 38 (training apps in the spirit of NodeGoat/DVNA/Juice Shop, each vulnerable handler beside its fixed one;
  // scored as it came: 0.944 / 0.905, 0.972 / 0.958 after): no safe look-alike flagged. Left: a hand-rolled JWT check
  // that returns the payload when `header.alg === 'none'` (mso reports the payload's JSON.parse a line above), a stack
  // trace in an error handler's HTML, an inbox filter labelled for its XSS only, a merge reported at its call.
  // batch 39 (layered back ends wired by DI containers - tsyringe, inversify, awilix - with clients and pools exported
  // as singletons; scored as it came: 0.817 / 0.983, 0.930 / 0.957 after): no safe look-alike flagged. Left: an LDAP
  // search in a helper given the client as a parameter, a pay-link cookie without httpOnly (not an identifying name),
  // an HR CSV's fields in scripts, a report name from a CLI argument; extra: temporary files named by a row's id
  // (rows of a query bound to the request's id carry its taint), an ORDER BY from a sort key checked in a helper.
  // batch 40 (self-taught and agency code: callback-style Express with sqlite3/mysql, EJS, Socket.io, jQuery, a
  // plugin loader, a small React app; scored as it came: 0.901 / 0.914, 0.930 / 0.930 after): chat history appended
  // with a local escapeHtml written as `$('<div>').text(s).html()` (the jQuery escaping idiom is not read), reviews
  // selected with a product id from the row fetched just before (rows of a query bound to the request carry its taint).
  // Misses: a React link to a stored website, a session secret with spaces in it, js-yaml's load (safe since v4), a
  // profile cookie (not an identifying name).
  'blind40/chatroom/public/js/chat.js:65',
  'blind40/shopfront/routes/products.js:89',
  // batch 41 (a mobile product: React Native/Expo app, Express and NestJS APIs; scored as it came: 0.847 / 0.910,
  // 0.889 / 0.914 after adding React Native deep-link and WebView-message sources and Linking.openURL /
  // injectJavaScript sinks; a link preview fetching a URL that a shared `assertPublicUrl` checked is quiet since
  // session 16): none left. Misses left: a WebView's `source` props, a PIN hashed with SHA-256 or expo-crypto MD5,
  // sharp() given a joined path, an LDAP filter in a Nest module, a GraphQL module's `debug: true`.
  // batch 42 (authentication and account code: passport, openid-client, SAML, jsonwebtoken/jose, reset tokens, MFA, a
  // gateway; scored as it came: 0.889 / 0.941, 0.917 / 0.930 after reading Object.keys and openid-client's
  // Issuer.discover): a proxy to `base + req.url` (a path on a configured upstream: a URL starting with a variable is
  // not known to fix the host). (OIDC discovery of an issuer URL read from a row fetched by the request's tenant slug
  // is quiet since session 14: a query's rows are the table's data, not the key it was given.) Misses: a DN built
  // for a bind helper, a template compiled from a profile field, a PIN with a fast hash, a redirect to a
  // stored return URL.
  'blind42/api-gateway/src/gateway.js:56',
  // session 14, batch 43 (file and media handling: multer/busboy, signed links, adm-zip/unzipper/tar/archiver,
  // sharp/ffmpeg, puppeteer/pdfkit, exceljs/papaparse; scored as it came: 0.889 / 0.877, 0.986 / 1.000 after a query's
  // rows stopped carrying their key's taint, a guarded deepMerge of another module stopped being a sink by its name,
  // Fastify's reply.sendFile and a script-less puppeteer page were read as safe, and archive entries, archiver and
  // pdfkit paths and a multer file's fields were read): no safe look-alike flagged, none missed (an LDAP filter built
  // in an options object handed to a search helper is found since session 16: search wrappers are `wrappers` sinks).
  // batch 44 (reporting and search back ends building queries: knex, Kysely, pg/mysql2, TypeORM, Prisma raw, fragment
  // helpers returning `{ text, values }`, MongoDB aggregations, OpenSearch; scored as it came: 0.919 / 0.932, 0.973 /
  // 0.973 after reading what a fragment helper of another module puts in its text, mysql.format keeping its SQL text,
  // a route handler's request under another name, Lucene query_string, a token cookie without HttpOnly): a filter
  // object whose tenant comes from the application's own claims beside request values, handed over as one argument
  // (an argument's properties are not told apart). Misses: a CLI running a job file's transform, a subject template
  // read from the database.
  'blind44/search-service/src/services/mongoSearch.ts:27',
  // session 15, batch 45 (workflow-automation platforms à la n8n / Node-RED: an HTTP-request node, a code node on vm,
  // templates in node parameters, webhook triggers with HMAC checks, encrypted credentials, SQL/Mongo/file nodes, an
  // execution-log viewer; scored as it came: 0.829 / 0.967, 0.857 / 0.984 after options kept in a `const` object were
  // read at the call (`res.cookie(name, token, cookieOptions)`), a path setter splitting its path in a helper of the
  // file was read, and a deep copy into an object the helper makes itself was no longer taken for a merge): no safe
  // look-alike flagged. Misses: the nodes' parameters and items (`ctx.getParameters(i)`, `ctx.items[i].json`: a
  // platform's own execution context, not a framework mso knows), a log viewer's stored messages printed raw.
  // batch 46 (a learning-management platform: Markdown lessons, a quiz engine evaluating formulas, SCORM and LTI,
  // gradebook exports and an SIS sync, a React teacher dashboard, a NestJS mailer; scored as it came: 0.929 / 0.929,
  // 0.929 / 0.956 after a `location` field of a JSON body stopped being read as the page's location, a JWT decoded to
  // find its keys and verified further on in the same block, and HMAC-SHA1 (OAuth 1.0a) stopped being a weak hash;
  // then a second SSRF hop through a URL a first response gave, and a return URL checked for the page's origin by a
  // helper returning `cond ? u.pathname + … : fallback`): no safe look-alike flagged. Misses: stored lesson HTML and
  // LTI claims rendered raw.
  // batch 47 (a booking marketplace: Next.js API routes with Mongoose geo search and Prisma, sharp/S3 and formidable
  // uploads, iCal import, webhooks, an Express admin, a partner-feed job; scored as it came: 0.900 / 0.955, 0.914 /
  // 0.941 after formidable's parsed fields and files were read as request data): no safe look-alike flagged; the new
  // false positive is the upload's path used a second time after the labelled copy. Misses: a partner's price formula from its config file run in vm,
  // zip entries of a bundle a CLI is given, a host's note template rendered with ejs, an AWS key id as an
  // environment fallback (the key id is not read as a secret), stored messages shown raw.
  // session 16, batch 48 (chat bots and chat-ops: Slack Bolt, discord.js, Telegraf, a bot dashboard in Express; scored
  // as it came: 0.817 / 0.921, 0.944 / 0.931 after a Discord message became a source - its ids, author and channel
  // Discord's, its text never an operator object until parsed -, a Bolt app typed as a parameter (`app: App`) gave
  // its commands, a destructured parameter (`async tag(msg, [name])`) took its callers' data, a path confined by
  // `resolveInside` stayed text for a shell, a URL checked by `assertPublicUrl` was clean of SSRF, and a
  // `startsWith(PREFIX)` check on a message with a constant command prefix stopped vouching for URLs in it): a time
  // zone checked by `new Intl.DateTimeFormat(…, { timeZone })` throwing before it is quoted into a shell command (the
  // check is not read). Misses: team names and reminders from the database rendered raw (stored data), a second
  // request to an image URL taken from a fetched page's meta tags through a helper of another module.
  'blind48/telegram-reminders/src/bot.ts:84',
  // batch 49 (developer-platform tooling: a Backstage-style catalog back end, a Probot GitHub App, CI helpers running
  // docker/kubectl/helm/git, a Terraform plan viewer, an artifact store, Handlebars/EJS scaffolding, a yargs CLI; scored
  // after batch 48's changes as it came: 0.877 / 0.928, 0.904 / 0.971 after a search wrapper handed its filter as a
  // third argument, options destructured from a typed parameter (`({ owners }: RouterOptions)`) were read as their
  // fields' classes, `res.type('text/plain').send(…)` stopped being HTML, `isRelativeRedirect(next)` was read as a
  // check, and rows read through `db.prepare(sql).all()` became table data): a `docker tag` command whose image
  // reference a helper of the file builds from an environment variable and checked names (the helper's result is not
  // constant). Misses: stored rows and a plan's or log's text in HTML, js-yaml 3's `load` (unsafe by default in the
  // version the package pins: mso does not read package.json), a notify URL from a repository's own config file.
  'blind49/ci-helpers/src/docker.js:43',
  // batch 50 (a healthcare portal: a FHIR-style Express API, Twilio/nodemailer reminders, telehealth links, lab PDFs,
  // HL7 over TCP, secure messaging with attachments, consent forms, an admin report; scored after batch 49's changes
  // as it came: 0.912 / 0.925, 0.985 / 0.944 after a project's `layout(title, body)` was read as building markup and
  // the path multer stored an upload at became multer's, unless the file's storage names files after the client's
  // name; and a helper of the file returning a keyed query's rows stopped handing its caller the key for paths):
  // none left.
  // batch 51 (multiplayer game back ends: a Colyseus/socket.io server, Redis leaderboards, Postgres/Mongo profiles,
  // replay uploads, an EJS moderation panel with a React client, receipt validation, matchmaking, an anti-cheat CLI;
  // scored after batch 50's changes as it came: 0.918 / 0.971; a Colyseus room's messages became a source after):
  // no safe look-alike flagged. Misses: a scoring formula a player set through the room's settings message, run by
  // eval in another method (a class field written in a message handler is not followed into other methods), stored
  // chat and captions in HTML, a replay path from a log file a CLI reads, predictable temporary files named in a
  // variable or from an id.
  // batch 52 (a news platform: a Next.js front end, an Express content API and a NestJS back office, rich-text HTML,
  // draft previews by token, RSS and sitemaps, comments, Stripe subscriptions, MJML/Handlebars newsletters, an image
  // proxy, partner syndication feeds; scored last, after every change of the session, as it came: 0.942 / 0.890, 0.942
  // / 0.903 after serialize-javascript became an HTML escaper): an UPDATE whose SET list is built from keys filtered
  // by an allow-list (`Object.keys(fields).filter((c) => EDITABLE.includes(c))`: the filter's check is not read).
  // Misses: an LDAP filter built in a login helper, stored feed items and an OAuth error page in HTML.
  'blind52/backoffice/src/articles/articles.service.ts:50',
  // batch 53 (an HR and recruiting platform: an applicant-tracking API, a careers site, CV parsing, partner
  // integrations, offer letters to PDF, LDAP directory sync, payroll exports; scored after the whole session, not
  // mended): 0.973 / 0.934 as it came. Flagged look-alikes: a job page whose rows come from a query built by
  // concatenation (rows of an injected query keep the request's taint), and an MD5 fingerprint of an uploaded CV that
  // its author says is no security control (fingerprints are reported by design, as in the Python rules).
  'blind53/careers-site/server.js:60',
  'blind53/shared/crypto.ts:35',
  // session 17, batch 57 (a fleet-tracking SaaS: an Express API, a NestJS GraphQL gateway, Kafka/SQS consumers, a Vue
  // dashboard with Leaflet, a PDF Lambda, a device CLI; 0.931 / 0.931 as it came, 0.972 / 0.946 after Leaflet popups,
  // nunjucks environments, vm.Script judged where it runs and `new URL(path, base)`): a draft id drawn with
  // Math.random, its name ending in Id like the handed-out ids the rule reports.
  'blind57/dashboard/src/main.ts:17',
  // session 18, batch 63 (a patient portal: Next.js pages router, a hapi/Joi/Mongoose records API, a Koa FHIR proxy, an
  // HL7/SFTP worker; 0.920 / 0.945 as it came, 0.933 / 0.986 after): a same-origin check `new URL(next,
  // origin).origin === origin` in a ternary choosing the redirect target.
  'blind63/portal-web/pages/patients/[mrn].tsx:40',
  // session 19: a WebView's injectJavaScript given `JSON.stringify(id)` of a posted message's field, in a useCallback
  // handler the analysis now follows (JSON text clears nothing: inside a template literal of the injected code it can
  // still close the literal, so it is not made a sanitiser for code)
  'blind41/mobile/src/screens/HelpCenterScreen.tsx:56',
  // session 19, batch 67 (personal finance: 0.946 / 0.921 as it came): a logout redirect to `resolved.pathname +
  // resolved.search` after `resolved.origin === appOrigin`, labelled safe - but `https://app.example.com//evil.example`
  // has that origin and the pathname `//evil.example`, a protocol-relative URL the browser follows off the site: a real
  // open redirect the finding is right about
  'blind67/services/api/src/routes/auth.ts:69',
  // session 19, batch 68 (an applicant-tracking system: 0.917 / 0.957 as it came, 0.944 / 0.958 after Remix multipart
  // forms and GraphQL Yoga's cors): careers page title from a tenant row looked up by the route's slug, and expr-eval's
  // Parser.evaluate of a request's formula (labelled safe; expr-eval's evaluate has had code-execution advisories, so the
  // rule keeps it a sink)
  'blind68/services/api/src/routes/careers.ts:46',
  'blind68/services/api/src/routes/reports.ts:65',
]);

test('labelled JS/TS corpus: CWE-matched recall >= 0.85, precision >= 0.90', () => {
  const dir = tempDir();
  cpSync(CORPUS, dir, { recursive: true });
  const labels: Array<{ file: string; line: number; kind: string; cwes: string[] }> = [];
  for (const abs of sourceFiles(dir)) {
    const file = relative(dir, abs).split('\\').join('/');
    const lines = readFileSync(abs, 'utf8').split('\n');
    const clean = lines.map((text, i) => {
      const m = /\s*\/\/@(vuln|safe)\b\s*([A-Z0-9|-]*)\s*$/.exec(text);
      if (!m) return text;
      labels.push({ file, line: i + 1, kind: m[1]!, cwes: m[2] ? m[2].split('|') : [] });
      return text.slice(0, m.index);
    });
    writeFileSync(abs, clean.join('\n'));
  }
  const vuln = labels.filter((l) => l.kind === 'vuln');
  expect(vuln.length).toBeGreaterThan(80);
  expect(labels.filter((l) => l.kind === 'safe').length).toBeGreaterThan(60);
  const res = runCli(['scan', '--all', '.', '--scanner', 'js', '--format', 'json', '--no-baseline'], { cwd: dir });
  expect(res.code).toBe(1);
  const out = JSON.parse(res.stdout) as { findings: Array<{ file: string; line: number; cwe: string[] }>; skipped: unknown[] };
  expect(out.skipped).toEqual([]);
  const at = (file: string, line: number) => out.findings.filter((f) => f.file === file && f.line === line);
  const missed = vuln.filter((l) => !at(l.file, l.line).some((f) => f.cwe.some((c) => l.cwes.includes(c))));
  const flaggedLines = new Set(out.findings.map((f) => `${f.file}:${f.line}`));
  const vulnLines = new Set(vuln.map((l) => `${l.file}:${l.line}`));
  const falsePositives = [...flaggedLines].filter((k) => !vulnLines.has(k));
  const recall = (vuln.length - missed.length) / vuln.length;
  const precision = (flaggedLines.size - falsePositives.length) / flaggedLines.size;
  const report = { recall, precision, missed: missed.map((l) => `${l.file}:${l.line} ${l.cwes.join('|')}`), falsePositives };
  expect(recall >= 0.85 && precision >= 0.9 ? 'meets the bar' : report).toBe('meets the bar');
  // No labelled safe look-alike may be flagged, but for the ones listed (with why).
  const flaggedSafe = labels.filter((l) => l.kind === 'safe' && at(l.file, l.line).length > 0);
  expect(flaggedSafe.map((l) => `${l.file}:${l.line}`).sort()).toEqual([...KNOWN_FLAGGED].sort());
});
