"use client";

import { marked } from "marked";
import DOMPurify from "isomorphic-dompurify";
import type { Message } from "ai";

type Source = { title: string; url: string };

function renderMarkdown(text: string) {
  return marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
}

export function AssistantBubble({ message }: { message: Message }) {
  const html = renderMarkdown(message.content);
  return (
    <div className="rounded-xl bg-zinc-100 px-4 py-3 prose prose-sm max-w-none">
      <div
        className="assistant-md"
        dangerouslySetInnerHTML={{ __html: html }} //@vuln CWE-79
      />
    </div>
  );
}

export function UserBubble({ message }: { message: Message }) {
  const html = DOMPurify.sanitize(renderMarkdown(message.content), { USE_PROFILES: { html: true } });
  return (
    <div className="ml-auto rounded-xl bg-indigo-600 px-4 py-3 text-white">
      <div
        className="user-md"
        dangerouslySetInnerHTML={{ __html: html }} //@safe
      />
    </div>
  );
}

export function SourceList({ sources }: { sources: Source[] }) {
  if (!sources.length) return null;
  return (
    <ul className="mt-2 space-y-1 text-xs text-zinc-500">
      {sources.map((s, i) => (
        <li key={i}>
          [{i + 1}] <a href={s.url} target="_blank" rel="noreferrer">{s.title}</a>
        </li>
      ))}
    </ul>
  );
}

export function ToolResultCard({ name, result }: { name: string; result: unknown }) {
  const pretty = JSON.stringify(result, null, 2);
  return (
    <details className="mt-2 rounded border border-zinc-200 bg-white text-xs">
      <summary className="cursor-pointer px-2 py-1 font-mono">{name}</summary>
      <pre className="overflow-x-auto p-2">{pretty}</pre>
    </details>
  );
}

export function ChatMessage({ message, sources = [] }: { message: Message; sources?: Source[] }) {
  if (message.role === "user") return <UserBubble message={message} />;
  return (
    <div>
      <AssistantBubble message={message} />
      <SourceList sources={sources} />
      {message.toolInvocations?.map((t) =>
        t.state === "result" ? <ToolResultCard key={t.toolCallId} name={t.toolName} result={t.result} /> : null,
      )}
    </div>
  );
}
