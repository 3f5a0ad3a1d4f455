import DOMPurify from 'dompurify';
import { useMemo, useState } from 'react';

export interface MenuItem {
  _id: string;
  name: string;
  section: string;
  descriptionHtml: string;
  allergenNoteHtml?: string;
  priceCents: number;
  tags: string[];
  allergens: string[];
  available: boolean;
  imageUrl?: string;
}

interface Props {
  item: MenuItem;
  highlight?: string;
  currency?: string;
  onToggle?: (item: MenuItem, available: boolean) => void;
}

const price = (cents: number, currency: string) =>
  new Intl.NumberFormat(navigator.language, { style: 'currency', currency }).format(cents / 100);

function HighlightedName({ name, term }: { name: string; term?: string }) {
  const markup = useMemo(() => {
    if (!term) return name;
    const pattern = new RegExp(`(${term})`, 'gi');  //@vuln CWE-1333
    return name.replace(pattern, '<mark>$1</mark>');
  }, [name, term]);

  return (
    <h3
      className="menu-item__name"
      dangerouslySetInnerHTML={{ __html: markup }}  //@vuln CWE-79
    />
  );
}

function AllergenNote({ html }: { html?: string }) {
  if (!html) return null;
  return (
    <div
      className="menu-item__allergens"
      dangerouslySetInnerHTML={{ __html: html }}  //@vuln CWE-79
    />
  );
}

export function MenuItemCard({ item, highlight, currency = 'EUR', onToggle }: Props) {
  const [expanded, setExpanded] = useState(false);
  const description = useMemo(
    () => DOMPurify.sanitize(item.descriptionHtml, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form'] }),
    [item.descriptionHtml],
  );

  return (
    <article className={`menu-item ${item.available ? '' : 'menu-item--sold-out'}`}>
      {item.imageUrl && <img src={item.imageUrl} alt={item.name} loading="lazy" />}
      <HighlightedName name={item.name} term={highlight} />
      <span className="menu-item__price">{price(item.priceCents, currency)}</span>
      <div
        className={expanded ? 'menu-item__description' : 'menu-item__description menu-item__description--clamped'}
        dangerouslySetInnerHTML={{ __html: description }}  //@safe
      />
      <button type="button" onClick={() => setExpanded((v) => !v)}>
        {expanded ? 'Show less' : 'Show more'}
      </button>
      <AllergenNote html={item.allergenNoteHtml} />
      <ul className="menu-item__tags">
        {item.tags.map((tag) => (
          <li key={tag}>{tag}</li>
        ))}
      </ul>
      <p className="menu-item__section" title={item.section}>
        {item.section}
      </p>
      {onToggle && (
        <label>
          <input type="checkbox" checked={item.available} onChange={(e) => onToggle(item, e.target.checked)} />
          Available
        </label>
      )}
    </article>
  );
}
