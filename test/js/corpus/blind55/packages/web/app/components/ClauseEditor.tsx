import { useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { renderClauseMarkup, sanitizeClauseHtml } from "~/utils/richText";

interface ClauseEditorProps {
  clauseId: string;
  initialText: string;
}

interface PluginMessage {
  type: "insert-snippet" | "run-macro" | "set-status";
  html?: string;
  macro?: string;
  status?: string;
}

const PLUGIN_ORIGIN = "https://plugins.lexbridge.io";

export default function ClauseEditor({ clauseId, initialText }: ClauseEditorProps) {
  const [draft, setDraft] = useState(initialText);
  const previewRef = useRef<HTMLDivElement>(null);
  const snippetsRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLSpanElement>(null);
  const fetcher = useFetcher();

  useEffect(() => {
    if (previewRef.current) {
      previewRef.current.innerHTML = renderClauseMarkup(draft);  //@vuln CWE-79
    }
  }, [draft]);

  // Drafting plugins (precedent search, defined-terms checker) run in iframes and talk to us via postMessage.
  useEffect(() => {
    function onPluginMessage(event: MessageEvent<PluginMessage>) {
      const message = event.data;
      if (!message || typeof message !== "object") return;

      if (message.type === "insert-snippet" && message.html) {
        snippetsRef.current?.insertAdjacentHTML("beforeend", message.html);  //@vuln CWE-79
      }
      if (message.type === "run-macro" && message.macro) {
        const macro = new Function("draft", "clauseId", message.macro);  //@vuln CWE-95
        const result = macro(draft, clauseId);
        if (typeof result === "string") setDraft(result);
      }
    }
    window.addEventListener("message", onPluginMessage);
    return () => window.removeEventListener("message", onPluginMessage);
  }, [draft, clauseId]);

  useEffect(() => {
    function onStatusMessage(event: MessageEvent<PluginMessage>) {
      if (event.origin !== PLUGIN_ORIGIN) return;
      if (event.data?.type === "set-status" && statusRef.current) {
        statusRef.current.textContent = event.data.status ?? "";
      }
      if (event.data?.type === "insert-snippet" && event.data.html && snippetsRef.current) {
        snippetsRef.current.innerHTML += sanitizeClauseHtml(event.data.html);  //@safe
      }
    }
    window.addEventListener("message", onStatusMessage);
    return () => window.removeEventListener("message", onStatusMessage);
  }, []);

  function openPrintView() {
    const params = new URLSearchParams(window.location.search);
    const heading = params.get("printTitle") ?? "Clause";
    const printWindow = window.open("", "_blank", "width=820,height=1000");
    if (!printWindow) return;
    printWindow.document.write(`<html><head><title>Print</title></head><body><h1>${heading}</h1>`);  //@vuln CWE-79
    printWindow.document.write(sanitizeClauseHtml(renderClauseMarkup(draft)));  //@safe
    printWindow.document.write("</body></html>");
    printWindow.document.close();
    printWindow.print();
  }

  function loadPrecedent(url: string) {
    fetch(`/resources/precedent-preview?url=${encodeURIComponent(url)}`)
      .then((res) => res.text())
      .then((html) => {
        if (snippetsRef.current) snippetsRef.current.innerHTML = html;  //@vuln CWE-79
      });
  }

  return (
    <div className="clause-editor" data-clause={clauseId}>
      <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={10} aria-label="Clause text" />
      <div className="toolbar">
        <button type="button" onClick={openPrintView}>
          Print
        </button>
        <button type="button" onClick={() => loadPrecedent(window.prompt("Precedent URL") ?? "")}>
          Link precedent
        </button>
        <button
          type="button"
          onClick={() =>
            fetcher.submit({ intent: "save-clause", clauseId, body: draft }, { method: "post" })
          }
        >
          Save
        </button>
        <span ref={statusRef} className="status" />
      </div>
      <div ref={previewRef} className="clause-preview" />
      <div ref={snippetsRef} className="clause-snippets" />
    </div>
  );
}
