"use client";

import { useEffect, useRef } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import DOMPurify from "dompurify";
import { marked } from "marked";

type Props = { markdown: string; cells: Record<string, string> };

const helpers = {
  SUM: (...xs: number[]) => xs.reduce((a, b) => a + b, 0),
  AVG: (...xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0),
};

// Table cells that start with "=" are evaluated like spreadsheet formulas, e.g. "=SUM(12, 30)".
function evaluateCell(raw: string): string {
  if (!raw.startsWith("=")) return raw;
  try {
    const fn = new Function("SUM", "AVG", `return (${raw.slice(1)});`); //@vuln CWE-95
    return String(fn(helpers.SUM, helpers.AVG));
  } catch {
    return "#ERR";
  }
}

export function DocPreview({ markdown, cells }: Props) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  const params = useSearchParams();
  const router = useRouter();

  useEffect(() => {
    if (!bodyRef.current) return;
    bodyRef.current.innerHTML = DOMPurify.sanitize(marked.parse(markdown, { async: false }) as string); //@safe
    bodyRef.current.querySelectorAll<HTMLTableCellElement>("td[data-cell]").forEach((td) => {
      td.textContent = evaluateCell(cells[td.dataset.cell!] ?? "");
    });
  }, [markdown, cells]);

  useEffect(() => {
    const find = params.get("find");
    if (find && bannerRef.current) {
      bannerRef.current.innerHTML = `Showing matches for <em>${find}</em>`; //@vuln CWE-79
    }
  }, [params]);

  function close() {
    const returnTo = params.get("returnTo");
    if (returnTo) {
      window.location.href = returnTo; //@vuln CWE-601
      return;
    }
    router.push("/docs");
  }

  function openRelated(slug: string) {
    router.push(`/docs/${encodeURIComponent(slug)}`);
  }

  return (
    <div className="relative">
      <div ref={bannerRef} className="mb-2 text-sm text-muted-foreground" />
      <button onClick={close} className="absolute right-0 top-0">Close</button>
      <div ref={bodyRef} className="prose max-w-none" />
      <aside className="mt-8">
        {Object.keys(cells).slice(0, 3).map((k) => (
          <button key={k} onClick={() => openRelated(k)}>{k}</button>
        ))}
      </aside>
    </div>
  );
}
