"use client";

import { useEffect, useRef, useState } from "react";

type Photo = { url: string; caption: string | null };

type Props = {
  listingId: string;
  photos: Photo[];
  tourOrigin: string;
};

export default function ListingGallery({ listingId, photos, tourOrigin }: Props) {
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const captionRef = useRef<HTMLDivElement>(null);
  const tourStatusRef = useRef<HTMLParagraphElement>(null);
  const tagsRef = useRef<HTMLDivElement>(null);

  // The 3D tour iframe reports which room the visitor is standing in.
  useEffect(() => {
    function onTourMessage(event: MessageEvent) {
      if (event.origin !== tourOrigin) return;
      if (tourStatusRef.current) {
        tourStatusRef.current.textContent = `Now viewing: ${String(event.data?.room ?? "")}`;  //@safe
      }
    }
    window.addEventListener("message", onTourMessage);
    return () => window.removeEventListener("message", onTourMessage);
  }, [tourOrigin]);

  // The agent's listing editor (opened in another window) pushes caption previews here.
  useEffect(() => {
    function onEditorMessage(event: MessageEvent) {
      const { type, caption } = (event.data ?? {}) as { type?: string; caption?: string };
      if (type !== "caption-preview" || !captionRef.current) return;
      captionRef.current.innerHTML = caption ?? "";  //@vuln CWE-79
    }
    window.addEventListener("message", onEditorMessage);
    return () => window.removeEventListener("message", onEditorMessage);
  }, []);

  // Deep links such as /listings/abc#photo=4&tag=Kitchen open a specific photo.
  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const photo = Number(params.get("photo"));
    if (Number.isInteger(photo) && photo >= 0 && photo < photos.length) setIndex(photo);

    const tag = params.get("tag");
    if (tag && tagsRef.current) {
      tagsRef.current.insertAdjacentHTML("beforeend", `<span class="chip chip--active">${tag}</span>`);  //@vuln CWE-79
    }
  }, [photos.length]);

  useEffect(() => {
    if (!playing || photos.length < 2) return;
    const timer = setTimeout(() => setIndex((i) => (i + 1) % photos.length), 4000);
    return () => clearTimeout(timer);
  }, [playing, index, photos.length]);

  const current = photos[index];

  async function share() {
    const url = `${window.location.origin}/listings/${listingId}#photo=${index}`;
    if (navigator.share) await navigator.share({ url });
    else await navigator.clipboard.writeText(url);
  }

  if (!current) return null;

  return (
    <section className="gallery">
      <figure className="gallery__frame">
        <img src={current.url} alt={current.caption ?? `Photo ${index + 1}`} />
        <div ref={captionRef} className="gallery__caption">
          {current.caption}
        </div>
      </figure>
      <div ref={tagsRef} className="gallery__tags" />
      <div className="gallery__controls">
        <button onClick={() => setIndex((i) => (i - 1 + photos.length) % photos.length)}>Prev</button>
        <button onClick={() => setPlaying((p) => !p)}>{playing ? "Pause" : "Play"}</button>
        <button onClick={() => setIndex((i) => (i + 1) % photos.length)}>Next</button>
        <button onClick={share}>Share</button>
      </div>
      <p ref={tourStatusRef} className="gallery__tour-status" />
    </section>
  );
}
