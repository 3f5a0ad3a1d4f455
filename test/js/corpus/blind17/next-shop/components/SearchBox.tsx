"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { useRouter, useSearchParams } from "next/navigation";

export default function SearchBox({ initial }: { initial: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const hintRef = useRef<HTMLParagraphElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const [value, setValue] = useState(initial);

  useEffect(() => {
    const didYouMean = params.get("dym");
    if (hintRef.current && didYouMean) {
      hintRef.current.innerHTML = `Did you mean <a href="/search?q=${didYouMean}">${didYouMean}</a>?`; //@vuln CWE-79
    }
    const error = params.get("error");
    if (errorRef.current && error) {
      errorRef.current.textContent = `Search failed: ${error}`; //@safe
    }
  }, [params]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const returnTo = params.get("returnTo");
    if (returnTo && value === "") {
      window.location.assign(returnTo); //@vuln CWE-601
      return;
    }
    router.push(`/search?q=${encodeURIComponent(value)}`);
  }

  return (
    <form onSubmit={onSubmit} className="flex gap-2">
      <input
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Search products"
        className="flex-1 rounded border px-3 py-2"
      />
      <button type="submit" className="rounded bg-black px-4 text-white">Search</button>
      <p ref={hintRef} className="text-sm text-gray-500" />
      <p ref={errorRef} className="text-sm text-red-600" />
    </form>
  );
}
