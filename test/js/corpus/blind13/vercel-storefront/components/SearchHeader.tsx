"use client";
import DOMPurify from "isomorphic-dompurify";
import { useSearchParams } from "next/navigation";

export function SearchHeader({ total }: { total: number }) {
  const q = useSearchParams().get("q") ?? "";
  const heading = { __html: `${total} results for <em>${q}</em>` };
  return <h2 className="search-header" dangerouslySetInnerHTML={heading} />; //@vuln CWE-79
}

export function PromoBlurb({ html }: { html: string }) {
  return <div className="promo" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />; //@safe
}
