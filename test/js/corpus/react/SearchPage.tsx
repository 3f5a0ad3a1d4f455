'use client';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';

export default function SearchPage() {
  const params = useSearchParams();
  const q = params.get('q') ?? '';
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (ref.current) ref.current.innerHTML = `Results for <b>${q}</b>`; //@vuln CWE-79
  }, [q]);

  useEffect(() => {
    const redirect = params.get('redirect');
    if (redirect) window.location.href = redirect; //@vuln CWE-601
  }, [params]);

  return (
    <main>
      <h1>Results for {q}</h1>
      <div ref={ref} />
      <div dangerouslySetInnerHTML={{ __html: q }} /> //@vuln CWE-79
    </main>
  );
}
