#!/usr/bin/env node
import { Command } from 'commander';
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import yaml from 'js-yaml';
import { createProject } from './templates';
import { TemplateRegistry, saveToken } from './registry';
import { gitUser } from './git';
import { mergeSettings } from '../../common/merge';

interface RcConfig { registry: string; defaultTemplate: string; git: { init: boolean; author?: { name: string; email: string } } }

const DEFAULTS: RcConfig = { registry: 'https://registry.devkit.io', defaultTemplate: 'ts-library', git: { init: true } };

function loadRc(): RcConfig {
  const config: RcConfig = JSON.parse(JSON.stringify(DEFAULTS));
  for (const file of [path.join(os.homedir(), '.devkitrc.yml'), path.resolve('.devkitrc.yml')]) {
    if (!fs.existsSync(file)) continue;
    const parsed = yaml.safeLoad(fs.readFileSync(file, 'utf8')); //@safe
    if (parsed && typeof parsed === 'object') mergeSettings(config, parsed as Record<string, unknown>);
  }
  return config;
}

const program = new Command();
program.name('create-devkit').description('Scaffold projects from DevKit templates').version('2.4.1');

program
  .command('new <name>')
  .description('create a new project')
  .option('-t, --template <nameOrUrl>', 'template name, archive URL or git URL')
  .option('-b, --branch <branch>', 'branch to use when the template is a git repository')
  .option('--tag <tag>', 'release tag of a git template')
  .option('--no-git', 'skip git init')
  .option('--author <name>', 'commit author for the initial commit')
  .action(async (name: string, opts) => {
    const rc = loadRc();
    const registry = new TemplateRegistry(rc.registry);
    const template = opts.template || rc.defaultTemplate;
    await createProject({
      name,
      template,
      branch: opts.branch,
      tag: opts.tag,
      git: opts.git && rc.git.init,
      author: opts.author ? { name: opts.author, email: gitUser()?.email ?? '' } : rc.git.author,
      registry,
    });
    await registry.markUsed(template);
    console.log(`\n  Done. Next:\n    cd ${name}\n    npm install\n`);
  });

program
  .command('search <term>')
  .description('search cached templates')
  .action(async (term: string) => {
    const rows = await new TemplateRegistry(loadRc().registry).search(term);
    if (!rows.length) return console.log('No templates found. Try `create-devkit sync`.');
    for (const r of rows) console.log(`${r.name.padEnd(28)} ${r.description}`);
  });

program.command('sync').description('refresh the local template cache').action(async () => {
  console.log(`Cached ${await new TemplateRegistry(loadRc().registry).syncFromRemote()} templates.`);
});
program.command('login <token>').description('store a registry token for publishing').action((token: string) => saveToken(token));

program
  .command('forget <name>')
  .description('remove a template from the local cache')
  .action(async (name: string) => {
    await new TemplateRegistry(loadRc().registry).remove(name);
  });

program
  .command('add <component>')
  .description('generate a component into the current project')
  .option('-d, --dir <dir>', 'target directory', 'src/components')
  .action((component: string, opts: { dir: string }) => {
    execSync(`npx --yes @devkit/generators ${component} --out ${opts.dir}`, { stdio: 'inherit' }); //@vuln CWE-78
  });

program.parseAsync(process.argv).catch((err) => {
  console.error(`create-devkit: ${err.message}`);
  process.exit(1);
});
