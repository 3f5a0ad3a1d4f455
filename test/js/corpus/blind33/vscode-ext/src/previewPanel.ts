import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { SnippetStore, Snippet } from './snippetStore';
import { runShell } from '../../common/exec';
import { resolveInside, escapeHtml } from '../../common/sanitize';

type Inbound =
  | { type: 'openFile'; file: string }
  | { type: 'includeAsset'; file: string }
  | { type: 'runScript'; script: string }
  | { type: 'search'; query: string; lang?: string; sort?: string }
  | { type: 'saveSnippet'; name: string; snippet: Snippet }
  | { type: 'tagSnippet'; id: number; tags: string[] }
  | { type: 'deleteTag'; tag: string }
  | { type: 'rename'; id: number; title: string }
  | { type: 'showChangelog' }
  | { type: 'evaluate'; expr: string; scope: Record<string, unknown> };

export class PreviewPanel {
  private static current: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, root: string, store: SnippetStore): PreviewPanel {
    if (PreviewPanel.current) {
      PreviewPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      return PreviewPanel.current;
    }
    const panel = vscode.window.createWebviewPanel('devkit.preview', 'DevKit', vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
    });
    PreviewPanel.current = new PreviewPanel(panel, context, root, store);
    return PreviewPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly root: string,
    private readonly store: SnippetStore,
  ) {
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage(
      (msg: Inbound) => this.onMessage(msg).catch((e) => this.post({ type: 'error', message: String(e) })),
      null,
      this.disposables,
    );
    this.showReadme();
  }

  private post(msg: unknown): void {
    void this.panel.webview.postMessage(msg);
  }

  private page(body: string): string {
    const media = (f: string) => this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', f));
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${media('preview.css')}"></head>
<body>${body}<script src="${media('preview.js')}"></script></body></html>`;
  }

  private showReadme(): void {
    const readme = ['README.md', 'readme.md', 'docs/README.md'].map((f) => path.join(this.root, f)).find((f) => fs.existsSync(f));
    const md = readme ? fs.readFileSync(readme, 'utf8') : '_No README found._';
    const title = path.basename(this.root);
    this.panel.title = `DevKit · ${title}`;
    this.panel.webview.html = this.page(`<header><h1>${escapeHtml(title)}</h1></header><main class="md">${marked.parse(md)}</main>`); //@vuln CWE-79
  }

  private showChangelog(): void {
    const file = path.join(this.root, 'CHANGELOG.md');
    const md = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 'No changelog.';
    this.panel.webview.html = this.page(`<main class="md changelog">${sanitizeHtml(marked.parse(md) as string)}</main>`); //@safe
  }

  private renderResults(query: string, results: Snippet[]): void {
    this.panel.webview.html = this.page(`<h2>Results for “${escapeHtml(query)}”</h2><ul>${results.map((s) => `<li data-id="${s.id}"><b>${escapeHtml(s.title)}</b> <i>${escapeHtml(s.lang)}</i><p>${escapeHtml(s.description)}</p></li>`).join('')}</ul>`); //@safe
  }

  private async onMessage(msg: Inbound): Promise<void> {
    switch (msg.type) {
      case 'openFile': {
        const content = await fs.promises.readFile(path.join(this.root, msg.file), 'utf8'); //@vuln CWE-22
        this.post({ type: 'fileContent', file: msg.file, content });
        break;
      }
      case 'includeAsset': {
        const data = await fs.promises.readFile(resolveInside(path.join(this.root, 'assets'), msg.file)); //@safe
        this.post({ type: 'asset', file: msg.file, data: data.toString('base64') });
        break;
      }
      case 'runScript': {
        const res = await runShell(`npm run ${msg.script}`, this.root);
        this.post({ type: 'scriptResult', script: msg.script, ...res });
        break;
      }
      case 'search':
        this.renderResults(msg.query, this.store.search(msg.query, msg.lang, msg.sort));
        break;
      case 'saveSnippet': {
        const dir = path.join(this.root, '.devkit', 'snippets');
        await fs.promises.mkdir(dir, { recursive: true });
        await fs.promises.writeFile(path.join(dir, `${msg.name}.json`), JSON.stringify(msg.snippet, null, 2)); //@vuln CWE-22
        this.post({ type: 'saved', name: msg.name });
        break;
      }
      case 'tagSnippet':
        this.store.tag(msg.id, msg.tags);
        break;
      case 'deleteTag':
        this.store.deleteByTag(msg.tag);
        break;
      case 'rename':
        this.store.rename(msg.id, msg.title);
        break;
      case 'showChangelog':
        this.showChangelog();
        break;
      case 'evaluate': {
        // "live values" in snippet previews, e.g. {{ 60 * 60 * 24 }}
        const names = Object.keys(msg.scope ?? {});
        const fn = new Function(...names, `return (${msg.expr});`); //@vuln CWE-95
        this.post({ type: 'evaluated', expr: msg.expr, value: String(fn(...names.map((n) => msg.scope[n]))) });
        break;
      }
    }
  }

  dispose(): void {
    PreviewPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
