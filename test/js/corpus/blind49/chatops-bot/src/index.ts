import fs from 'fs';
import os from 'os';
import path from 'path';
import express from 'express';
import cookieParser from 'cookie-parser';
import serialize from 'node-serialize';
import axios from 'axios';
import execa from 'execa';
import yaml from 'js-yaml';
import { Probot, ApplicationFunctionOptions, Context } from 'probot';
import { cloneRepo, checkoutBranch } from '@platform/ci-helpers/src/deploy';
import * as commands from './commands';
import { recentAll } from './deployments';

const WRITE_PERMISSIONS = ['admin', 'maintain', 'write'];

interface RepoPlatformConfig {
  terraformDir?: string;
  notifyUrl?: string;
}

async function readRepoFile(context: Context<'issue_comment.created'>, filePath: string): Promise<string | null> {
  try {
    const { data } = await context.octokit.repos.getContent(context.repo({ path: filePath }));
    return 'content' in data ? Buffer.from(data.content, 'base64').toString('utf8') : null;
  } catch {
    return null;
  }
}

export default (app: Probot, { getRouter }: ApplicationFunctionOptions) => {
  app.on('issue_comment.created', async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user.type === 'Bot') return;
    const cmd = commands.parseCommand(comment.body);
    if (!cmd) return;

    const perm = await context.octokit.repos.getCollaboratorPermissionLevel(context.repo({ username: comment.user.login }));
    if (!WRITE_PERMISSIONS.includes(perm.data.permission)) {
      await context.octokit.reactions.createForIssueComment(context.repo({ comment_id: comment.id, content: 'confused' }));
      return;
    }

    const ctx: commands.CommandContext = {
      actor: comment.user.login,
      issueUrl: issue.html_url,
      reply: (body) => context.octokit.issues.createComment(context.issue({ body })),
      readRepoFile: (p) => readRepoFile(context, p),
      notifyPrivately: (text) => app.log.info({ to: comment.user.login }, text),
    };

    const handlers: Record<string, () => Promise<unknown>> = {
      deploy: () => commands.deploy(ctx, cmd.args), rollback: () => commands.rollback(ctx, cmd.args),
      scale: () => commands.scale(ctx, cmd.args), logs: () => commands.logs(ctx, cmd.args),
      status: () => commands.status(ctx, cmd.args), scan: () => commands.scan(ctx, cmd.args),
      preview: () => commands.preview(ctx, cmd.args), matrix: () => commands.matrix(ctx, cmd.rest),
      history: () => commands.historyCmd(ctx, cmd.args), annotate: () => commands.annotateCmd(ctx, cmd.args),
      lock: () => commands.lock(ctx, cmd.args),
    };
    try {
      const handler = Object.hasOwn(handlers, cmd.name) ? handlers[cmd.name] : () => ctx.reply(`unknown command \`/${cmd.name}\``);
      await handler();
    } catch (err: any) {
      app.log.error(err, `command ${cmd.name} failed`);
      await ctx.reply(`:warning: \`/${cmd.name}\` failed: ${err.message}`);
    }
  });

  // Terraform plan check on every PR that touches infra/
  app.on(['pull_request.opened', 'pull_request.synchronize'], async (context) => {
    const pr = context.payload.pull_request;
    const repo = context.payload.repository;
    const check = await context.octokit.checks.create(context.repo({ name: 'terraform-plan', head_sha: pr.head.sha, status: 'in_progress' }));

    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfplan-'));
    await cloneRepo(repo.clone_url, workdir);
    checkoutBranch(workdir, pr.head.ref);

    const cfgPath = path.join(workdir, '.platform', 'config.yml');
    const cfg: RepoPlatformConfig = fs.existsSync(cfgPath) ? (yaml.safeLoad(fs.readFileSync(cfgPath, 'utf8')) as RepoPlatformConfig) : {};
    const tfDir = path.join(workdir, 'infra');

    let conclusion: 'success' | 'failure' = 'success';
    let summary = '';
    try {
      await execa('terraform', ['init', '-input=false', '-backend=false'], { cwd: tfDir });
      const plan = await execa('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], { cwd: tfDir, all: true });
      summary = '```\n' + (plan.all || '').slice(-60000) + '\n```';
    } catch (e: any) {
      conclusion = 'failure';
      summary = '```\n' + String(e.all || e.message).slice(-60000) + '\n```';
    }

    await context.octokit.checks.update(context.repo({ check_run_id: check.data.id, status: 'completed', conclusion, output: { title: `terraform plan: ${conclusion}`, summary } }));

    if (cfg.notifyUrl) {
      await axios.post(cfg.notifyUrl, { text: `terraform plan for ${repo.full_name}#${pr.number}: ${conclusion}` }, { timeout: 5000 }); //@vuln CWE-918
    }
    fs.rmSync(workdir, { recursive: true, force: true });
  });

  // Small dashboard next to the bot: /chatops/deployments
  const router = getRouter('/chatops');
  router.use(cookieParser());
  router.use(express.urlencoded({ extended: false }));

  router.get('/deployments', async (req, res) => {
    const prefs = req.cookies.chatops_prefs ? serialize.unserialize(Buffer.from(req.cookies.chatops_prefs, 'base64').toString('utf8')) : { limit: 50 }; //@vuln CWE-502
    const rows = await recentAll(Number(prefs.limit) || 50);
    const body = rows.map((r) => `<tr><td>${r.id}</td><td>${r.service}</td><td>${r.env}</td><td>${r.ref}</td><td>${r.actor}</td><td>${r.note ?? ''}</td></tr>`).join('');
    res.send(`<!doctype html><html><body><h1>Recent deployments</h1><table>${body}</table></body></html>`); //@vuln CWE-79
  });

  router.post('/deployments/prefs', (req, res) => {
    const prefs = { limit: Math.min(Number(req.body.limit) || 50, 200) };
    res.cookie('chatops_prefs', Buffer.from(serialize.serialize(prefs)).toString('base64'), { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
    res.redirect('/chatops/deployments');
  });
};
