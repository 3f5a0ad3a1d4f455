import ejs from 'ejs';
import Handlebars from 'handlebars';
import _ from 'lodash';
import { escapeHtml } from './http.js';

export interface NotificationContext {
  project: { name: string; slug: string };
  build: {
    number: number;
    branch: string;
    status: string;
    url: string;
    commitMessage: string;
    author?: string;
  };
}

const DEFAULT_NOTIFICATION = Handlebars.compile('{{project.name}} #{{build.number}} on {{build.branch}} {{build.status}} - {{build.url}}');  //@safe

export function renderNotification(template: string | undefined, ctx: NotificationContext): string {
  if (!template) {
    return DEFAULT_NOTIFICATION(ctx);
  }
  return ejs.render(template, ctx, { async: false });  //@vuln CWE-1336
}

export function renderCommitStatus(settings: Record<string, any> | undefined, ctx: NotificationContext): string {
  const source = settings?.statusTemplate ?? 'Build #${build.number} ${build.status}';
  const compiled = _.template(source);  //@vuln CWE-1336
  return compiled(ctx).slice(0, 140);
}

export function renderBuildSummaryHtml(ctx: NotificationContext): string {
  const title = `${escapeHtml(ctx.project.name)} #${ctx.build.number}`;
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p class="branch">${escapeHtml(ctx.build.branch)}</p><blockquote>${escapeHtml(ctx.build.commitMessage)}</blockquote></body></html>`;  //@safe
}
