const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch])
}

export function contactCard(contact: { name: string; email: string; company?: string }, note: string) {
  return `
    <section class="card">
      <h2>${escapeHtml(contact.name)}</h2>
      <a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a>
      <p class="company">${escapeHtml(contact.company || '')}</p>
      <blockquote>${note}</blockquote>
    </section>`
}

export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string') return '/contacts'
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/contacts'
  return next
}
