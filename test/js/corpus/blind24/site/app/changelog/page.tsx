import fs from 'fs/promises';
import path from 'path';
import { notFound } from 'next/navigation';
import { marked } from 'marked';

const CHANGELOG_DIR = path.join(process.cwd(), 'content', 'changelog');

type PageProps = { searchParams: { version?: string; q?: string } };

async function listVersions(): Promise<string[]> {
  const files = await fs.readdir(CHANGELOG_DIR);
  return files.filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort().reverse();
}

async function loadEntry(version: string): Promise<string | null> {
  try {
    return await fs.readFile(path.join(CHANGELOG_DIR, `${version}.md`), 'utf8'); //@vuln CWE-22
  } catch {
    return null;
  }
}

async function loadLatest(): Promise<{ version: string; body: string }> {
  const [latest] = await listVersions();
  const body = await fs.readFile(path.join(CHANGELOG_DIR, `${latest}.md`), 'utf8'); //@safe
  return { version: latest, body };
}

export default async function ChangelogPage({ searchParams }: PageProps) {
  const entry = searchParams.version ? { version: searchParams.version, body: await loadEntry(searchParams.version) } : await loadLatest();
  if (!entry.body) notFound();

  const html = marked.parse(entry.body, { async: false }) as string;
  const q = searchParams.q ?? '';
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'TechArticle',
    headline: `Launchpad ${entry.version}`,
    keywords: q || undefined,
    publisher: { '@type': 'Organization', name: 'Launchpad' },
  };

  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd) }} //@vuln CWE-79
      />
      <h1 className="text-4xl font-bold">Changelog</h1>
      {q && <p className="mt-2 text-slate-500">Showing notes matching “{q}”</p>}
      <article
        className="prose prose-invert mt-10"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </main>
  );
}
