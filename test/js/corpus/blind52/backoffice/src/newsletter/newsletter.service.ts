import { Body, Controller, Injectable, Param, Post, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import fs from 'fs';
import os from 'os';
import path from 'path';
import _ from 'lodash';
import ejs from 'ejs';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import nodemailer from 'nodemailer';
import { config } from '@newsroom/shared/config';
import { EditorGuard } from '../auth/auth';

const TEMPLATE_DIR = path.join(__dirname, '..', '..', 'templates', 'newsletter');
const LAYOUT = Handlebars.compile(fs.readFileSync(path.join(TEMPLATE_DIR, 'issue.mjml.hbs'), 'utf8')); //@safe

Handlebars.registerHelper('formatDate', (d: Date) => new Date(d).toLocaleDateString('en-GB', { day: 'numeric', month: 'long' }));

interface Issue {
  id: string;
  newsletter: string;
  subject: string;
  intro_html: string;
  article_ids: string[];
  sponsor: { name: string; url: string; blurb: string } | null;
}

@Injectable()
export class NewsletterService {
  private readonly transport = nodemailer.createTransport({ host: config.smtp.host, port: 465, secure: true, pool: true, auth: { user: config.smtp.user, pass: config.smtp.password } });

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async renderIssue(issueId: string) {
    const [issue] = (await this.ds.query('SELECT * FROM newsletter_issues WHERE id = $1', [issueId])) as Issue[];
    const articles = await this.ds.query('SELECT slug, title, summary, hero_image FROM articles WHERE id = ANY($1::uuid[])', [issue.article_ids]);
    const { html, errors } = mjml2html(LAYOUT({ issue, articles, baseUrl: config.publicBaseUrl }), { validationLevel: 'soft' });
    if (errors.length) console.warn(`[newsletter] mjml warnings for ${issueId}`, errors.slice(0, 5));
    return { issue, html };
  }

  /** Editors paste snippets like "Good morning, <%= first_name %>!" for custom blocks. */
  previewBlock(source: string, sample: Record<string, unknown>) {
    return _.template(source)(sample); //@vuln CWE-1336|CWE-94
  }

  previewSubject(subjectTemplate: string, sample: Record<string, unknown>) {
    return ejs.render(subjectTemplate, { subscriber: sample, date: new Date() }); //@vuln CWE-1336
  }

  async welcomeEmail(name: string) {
    return ejs.renderFile(path.join(TEMPLATE_DIR, 'welcome.ejs'), { name }); //@safe
  }

  async audience(newsletter: string, segment?: string) {
    const where = segment ? ` AND (${segment})` : '';
    return this.ds.query(`SELECT email, first_name FROM newsletter_recipients WHERE newsletter = $1 AND unsubscribed_at IS NULL${where}`, [newsletter]); //@vuln CWE-89
  }

  async writeSeedProof(issueId: string) {
    const { html } = await this.renderIssue(issueId);
    const file = path.join(os.tmpdir(), `ledger-issue-${issueId}.html`);
    fs.writeFileSync(file, html); //@vuln CWE-377
    return file;
  }

  async send(issueId: string, segment?: string) {
    const { issue, html } = await this.renderIssue(issueId);
    const recipients = await this.audience(issue.newsletter, segment);
    for (const batch of _.chunk(recipients, 200)) {
      await Promise.all(batch.map((r: any) => this.transport.sendMail({ from: config.smtp.from, to: r.email, subject: issue.subject, html })));
    }
    await this.ds.query('UPDATE newsletter_issues SET sent_at = now(), recipients = $2 WHERE id = $1', [issueId, recipients.length]);
    return { sent: recipients.length };
  }
}

@Controller('newsletter')
@UseGuards(EditorGuard)
export class NewsletterController {
  constructor(private readonly newsletters: NewsletterService) {}

  @Post('blocks/preview')
  previewBlock(@Body() body: { source: string; sample?: Record<string, unknown> }) {
    return { html: this.newsletters.previewBlock(body.source, body.sample ?? { first_name: 'Alex' }) };
  }

  @Post('subject/preview')
  previewSubject(@Body() body: { subject: string }) {
    return { subject: this.newsletters.previewSubject(body.subject, { first_name: 'Alex', city: 'Leeds' }) };
  }

  @Post('issues/:id/proof')
  async proof(@Param('id') id: string) {
    return { file: await this.newsletters.writeSeedProof(id) };
  }

  @Post('issues/:id/send')
  send(@Param('id') id: string, @Body() body: { segment?: string }) {
    return this.newsletters.send(id, body.segment);
  }
}
