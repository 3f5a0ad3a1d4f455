// Embeddable comments box for product pages.
// Usage: new CommentWidget({ container, productId, apiBase }).mount();
import DOMPurify from 'dompurify';

interface Comment {
  id: string;
  author: string;
  body: string;
  bodyHtml?: string;
  createdAt: string;
}

interface WidgetOptions {
  container: HTMLElement;
  productId: string;
  apiBase: string;
}

const ALLOWED_TAGS = ['b', 'i', 'em', 'strong', 'a', 'p', 'br', 'ul', 'li'];

export class CommentWidget {
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;

  constructor(private readonly opts: WidgetOptions) {
    this.list = document.createElement('ul');
    this.list.className = 'cw-list';
    this.status = document.createElement('p');
    this.status.className = 'cw-status';
  }

  async mount(): Promise<void> {
    this.opts.container.append(this.status, this.list);
    this.opts.container.addEventListener('click', (e) => {
      const link = (e.target as HTMLElement).closest<HTMLElement>('[data-product-path]');
      if (link) this.goToProduct(link.dataset.productPath || '/');
    });
    await this.load();
    this.showHighlight();
  }

  private endpoint(): string {
    return `${this.opts.apiBase}/products/${encodeURIComponent(this.opts.productId)}/comments`;
  }

  async load(): Promise<void> {
    const res = await fetch(this.endpoint(), { credentials: 'include' });
    if (res.status === 401) return this.afterLogin();
    const comments: Comment[] = await res.json();
    this.status.textContent = `${comments.length} comment${comments.length === 1 ? '' : 's'}`;
    this.list.replaceChildren();
    comments.forEach((c) => this.render(c));
  }

  private render(c: Comment): void {
    const li = document.createElement('li');
    const author = document.createElement('strong');
    author.textContent = c.author;
    const time = document.createElement('time');
    time.dateTime = c.createdAt;
    time.textContent = new Date(c.createdAt).toLocaleString();
    const body = document.createElement('div');
    if (c.bodyHtml) {
      body.innerHTML = DOMPurify.sanitize(c.bodyHtml, { ALLOWED_TAGS }); //@safe
    } else {
      body.innerHTML = c.body.replace(/\n/g, '<br>'); //@vuln CWE-79
    }
    li.append(author, time, body);
    this.list.append(li);
  }

  private showHighlight(): void {
    const q = new URLSearchParams(window.location.search).get('highlight');
    if (q) this.status.insertAdjacentHTML('beforeend', ` &middot; showing comments matching <mark>${q}</mark>`); //@vuln CWE-79
  }

  private afterLogin(): void {
    const returnTo = new URLSearchParams(window.location.search).get('returnTo');
    if (returnTo) {
      window.location.href = returnTo; //@vuln CWE-601
    }
  }

  private goToProduct(target: string): void {
    const url = new URL(target, window.location.origin);
    if (url.origin === window.location.origin) window.location.assign(url.href); //@safe
  }
}
