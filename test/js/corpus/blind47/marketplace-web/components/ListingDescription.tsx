import React from 'react';
import DOMPurify from 'isomorphic-dompurify';
import { escapeHtml } from '@stayhub/common/src/utils';

type Props = {
  title: string;
  descriptionHtml: string;
  houseRulesHtml?: string;
  hostName: string;
  hostBio?: string;
};

/**
 * The description is sanitised when the host saves it (see PATCH /api/listings/[id])
 * and again here; house rules come straight from the onboarding wizard's rich-text box.
 */
export default function ListingDescription({ title, descriptionHtml, houseRulesHtml, hostName, hostBio }: Props) {
  return (
    <section className="listing-description">
      <h2>{title}</h2>
      <div
        className="prose"
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(descriptionHtml) }} //@safe
      />
      {houseRulesHtml && (
        <div className="house-rules">
          <h3>House rules</h3>
          <div
            className="prose"
            dangerouslySetInnerHTML={{ __html: houseRulesHtml }} //@vuln CWE-79
          />
        </div>
      )}
      <aside className="host">
        <h3>Hosted by {hostName}</h3>
        {hostBio ? (
          <p
            className="bio"
            dangerouslySetInnerHTML={{ __html: escapeHtml(hostBio).replace(/\n/g, '<br/>') }} //@safe
          />
        ) : null}
      </aside>
    </section>
  );
}
