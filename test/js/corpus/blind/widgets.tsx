import React, { useEffect, useState } from 'react';
import DOMPurify from 'dompurify';

type Comment = { id: number; author: string; html: string };

export function CommentView({ comment }: { comment: Comment }) {
  return <div dangerouslySetInnerHTML={{ __html: comment.html }} />; //@vuln CWE-79
}

export function SafeCommentView({ comment }: { comment: Comment }) {
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.html) }} />; //@safe
}

export function Greeting() {
  const [name, setName] = useState('');
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const n = params.get('name') ?? '';
    setName(n);
    const banner = document.getElementById('banner');
    if (banner) banner.innerHTML = '<b>Welcome ' + n + '</b>'; //@vuln CWE-79
    const title = document.getElementById('title');
    if (title) title.textContent = n; //@safe
  }, []);
  return <p>{name}</p>; //@safe
}

export function installMessageBridge() {
  window.addEventListener('message', (event: MessageEvent) => {
    const target = document.querySelector('#inbox');
    target?.insertAdjacentHTML('beforeend', event.data.html); //@vuln CWE-79
  });
}

export function renderHash() {
  const frag = decodeURIComponent(location.hash.slice(1));
  document.write('<p>' + frag + '</p>'); //@vuln CWE-79
}

export function swapPanel(el: HTMLElement) {
  const q = new URLSearchParams(location.search).get('panel');
  el.outerHTML = `<section>${q}</section>`; //@vuln CWE-79
}

export function staticMarkup(el: HTMLElement) {
  el.innerHTML = '<span class="spinner"></span>'; //@safe
}

export function goNext() {
  const next = new URLSearchParams(location.search).get('next');
  if (next) window.location.href = next; //@vuln CWE-601
}
