import DOMPurify from 'dompurify';
import React, { useEffect, useState } from 'react';

type Comment = { id: string; author: string; bodyHtml: string; signature?: string };

export function CommentList({ threadId }: { threadId: string }) {
  const [comments, setComments] = useState<Comment[]>([]);

  useEffect(() => {
    fetch(`/api/threads/${encodeURIComponent(threadId)}/comments`).then((r) => r.json()).then(setComments);
  }, [threadId]);

  return (
    <ul className="comments">
      {comments.map((c) => (
        <li key={c.id}>
          <span className="author">{c.author}</span>
          <div
            className="body"
            dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(c.bodyHtml) }} //@safe
          />
          <div
            className="signature"
            dangerouslySetInnerHTML={{ __html: c.signature ?? '' }} //@vuln CWE-79
          />
        </li>
      ))}
    </ul>
  );
}
