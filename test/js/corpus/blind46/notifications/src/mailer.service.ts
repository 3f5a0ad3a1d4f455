import { Injectable, Logger } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import * as ejs from 'ejs';
import * as Handlebars from 'handlebars';
import { exec } from 'child_process';
import { promisify } from 'util';
import { mkdtemp, readFile, writeFile, rm } from 'fs/promises';
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { sealToken } from '@learnly/shared';

const execAsync = promisify(exec);

export interface DigestData {
  firstName: string;
  courses: { title: string; dueSoon: { title: string; dueAt: string }[]; newGrades: number }[];
  unsubscribeUrl: string;
}

@Injectable()
export class MailerService {
  private readonly log = new Logger(MailerService.name);
  private readonly from = process.env.MAIL_FROM ?? 'Learnly <no-reply@learnly.io>';

  private readonly transport = nodemailer.createTransport({
    host: process.env.SMTP_HOST ?? 'smtp.sendgrid.net',
    port: Number(process.env.SMTP_PORT ?? 587),
    auth: { user: 'apikey', pass: process.env.SMTP_PASS ?? 'SG.kX2v9QlrnY.Q7h3Zt0pR1mW8sYbN4cF6jL2uA5dE9gH0iK3oV7xT1w' }, //@vuln CWE-798
    tls: { rejectUnauthorized: false }, //@vuln CWE-295
  });

  private readonly digestTpl = Handlebars.compile(readFileSync(join(__dirname, 'templates', 'weekly-digest.hbs'), 'utf8')); //@safe
  private readonly certTpl = Handlebars.compile(readFileSync(join(__dirname, 'templates', 'certificate.hbs'), 'utf8'));

  unsubscribeUrl(userId: number, list: string): string {
    return `https://notify.learnly.io/notifications/unsubscribe?token=${sealToken({ userId, list })}`;
  }

  async sendDigest(to: string, data: DigestData): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject: 'Your week on Learnly', html: this.digestTpl(data), headers: { 'List-Unsubscribe': `<${data.unsubscribeUrl}>` } });
  }

  /**
   * Announcements are written by teachers in the dashboard with placeholders such as
   * <%= student.firstName %> and <%= course.title %>.
   */
  renderAnnouncement(templateSource: string, ctx: Record<string, unknown>): string {
    return ejs.render(templateSource, ctx, { rmWhitespace: true }); //@vuln CWE-1336
  }

  async sendAnnouncement(recipients: { email: string; firstName: string }[], subject: string, templateSource: string, course: { title: string }): Promise<number> {
    let sent = 0;
    for (const r of recipients) {
      const html = this.renderAnnouncement(templateSource, { student: r, course });
      await this.transport.sendMail({ from: this.from, to: r.email, subject, html });
      sent++;
    }
    return sent;
  }

  /** Course-completion certificate, attached to the completion e-mail. */
  async renderCertificate(studentName: string, courseTitle: string, completedAt: Date): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'cert-'));
    try {
      const htmlPath = join(dir, 'certificate.html');
      const pdfPath = join(dir, 'certificate.pdf');
      await writeFile(htmlPath, this.certTpl({ studentName, courseTitle, date: completedAt.toDateString() }));
      await execAsync(`wkhtmltopdf --quiet --orientation Landscape --title "${courseTitle}" ${htmlPath} ${pdfPath}`, { timeout: 30_000 }); //@vuln CWE-78
      return await readFile(pdfPath);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async sendCompletion(to: string, studentName: string, courseTitle: string): Promise<void> {
    const pdf = await this.renderCertificate(studentName, courseTitle, new Date());
    await this.transport.sendMail({ from: this.from, to, subject: `Certificate: ${courseTitle}`, text: `Congratulations ${studentName}!`, attachments: [{ filename: 'certificate.pdf', content: pdf }] });
    this.log.log(`completion mail sent to ${to}`);
  }
}
