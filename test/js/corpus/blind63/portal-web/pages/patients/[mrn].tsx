import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import DOMPurify from 'isomorphic-dompurify';
import { prisma, recordAccess } from '../../lib/db';
import { readSession } from '../../lib/session';
import MessageThread, { type PortalMessage } from '../../components/MessageThread';
import WidgetHost from '../../components/WidgetHost';

interface CarePlan {
  id: string;
  title: string;
  instructionsHtml: string;
  updatedAt: string;
}

interface PatientPageProps {
  mrn: string;
  patientName: string;
  carePlans: CarePlan[];
  messages: PortalMessage[];
  notice: string | null;
  highlight: string | null;
  labWidgetUrl: string;
}

export const getServerSideProps: GetServerSideProps<PatientPageProps> = async ({ req, params, query }) => {
  const session = readSession(req);
  if (!session) {
    return { redirect: { destination: `/login?next=${encodeURIComponent(req.url ?? '/')}`, permanent: false } };
  }

  const mrn = String(params?.mrn ?? '');
  if (session.role !== 'clinician' && session.mrn !== mrn) return { notFound: true };

  const continueTo = typeof query.continue === 'string' ? query.continue : '';
  if (continueTo && query.consent === 'accepted') {
    const portalOrigin = process.env.PORTAL_ORIGIN ?? 'https://portal.carebridge-health.com';
    const target = new URL(continueTo, portalOrigin);
    const destination = target.origin === portalOrigin ? `${target.pathname}${target.search}` : '/dashboard';
    return { redirect: { destination, permanent: false } };  //@safe
  }

  const patients = await prisma.$queryRawUnsafe<{ id: string; display_name: string }[]>(  //@vuln CWE-89
    `SELECT id, display_name FROM patients WHERE mrn = '${mrn}' AND active = true LIMIT 1`,
  );
  const patient = patients[0];
  if (!patient) return { notFound: true };

  const carePlans = await prisma.$queryRaw<CarePlan[]>`SELECT id, title, instructions_html AS "instructionsHtml", updated_at::text AS "updatedAt" FROM care_plans WHERE patient_id = ${patient.id} ORDER BY updated_at DESC`;  //@safe

  const messages = await prisma.message.findMany({
    where: { patientId: patient.id, deletedAt: null },
    orderBy: { sentAt: 'asc' },
    take: 100,
    select: { id: true, author: true, authorRole: true, bodyHtml: true, signature: true, sentAt: true },
  });

  await recordAccess(patient.id, session.name, `chart:${mrn}`);

  return {
    props: {
      mrn,
      patientName: patient.display_name,
      carePlans,
      messages: messages.map((m) => ({ ...m, sentAt: m.sentAt.toISOString(), signature: m.signature ?? undefined })),
      notice: typeof query.notice === 'string' ? query.notice : null,
      highlight: typeof query.q === 'string' ? query.q : null,
      labWidgetUrl: `${process.env.NEXT_PUBLIC_WIDGET_ORIGIN}/embed/lab-widget.html?panel=CBC`,
    },
  };
};

export default function PatientChartPage({ mrn, patientName, carePlans, messages, notice, highlight, labWidgetUrl }: PatientPageProps) {
  return (
    <>
      <Head>
        <title>{`${patientName} · CareBridge`}</title>
      </Head>
      <main className="chart">
        {notice && (
          <div
            className="notice-banner"
            role="status"
            dangerouslySetInnerHTML={{ __html: notice }}  //@vuln CWE-79
          />
        )}
        <h1>{patientName}</h1>
        <p className="mrn">MRN {mrn}</p>

        <section aria-labelledby="care-plans">
          <h2 id="care-plans">Care plans</h2>
          {carePlans.map((plan) => (
            <article key={plan.id} className="care-plan">
              <h3>{plan.title}</h3>
              <div
                className="care-plan-body"
                dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(plan.instructionsHtml) }}  //@safe
              />
              <small>Updated {new Date(plan.updatedAt).toLocaleDateString()}</small>
            </article>
          ))}
        </section>

        <WidgetHost src={`${labWidgetUrl}&name=${encodeURIComponent(patientName)}`} patientMrn={mrn} />
        <MessageThread messages={messages} highlight={highlight} />
      </main>
    </>
  );
}
