import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import DOMPurify from 'isomorphic-dompurify';
import { marked } from 'marked';
import { getTournamentBySlug, searchRegisteredTeams, setCheckInNote } from '~/lib/db.server';
import { requireUserId } from '~/lib/auth.server';

const OVERLAY_ORIGIN = 'https://overlay.gauntlet.gg';

export async function loader({ params, request }: LoaderFunctionArgs) {
  const tournament = await getTournamentBySlug(params.slug ?? '');
  if (!tournament) throw new Response('Not found', { status: 404 });
  const teamQuery = new URL(request.url).searchParams.get('team') ?? '';
  const teams = await searchRegisteredTeams(tournament.id, teamQuery);
  const rulesHtml = await marked.parse(tournament.rulesMarkdown ?? '');
  return json({ tournament, teams, teamQuery, rulesHtml });
}

export async function action({ request }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await request.formData();
  const teamId = String(form.get('teamId') ?? '');
  const note = String(form.get('note') ?? '').slice(0, 280);
  await setCheckInNote(teamId, userId, note);
  return json({ ok: true });
}

type TickerMessage = { type?: string; headline?: string; status?: string };

function LiveTicker({ tournamentId }: { tournamentId: string }) {
  const headlineRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLSpanElement>(null);
  const castersRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const onMessage = (event: MessageEvent<TickerMessage>) => {
      const { type, headline, status } = event.data ?? {};
      if (type === 'headline' && headlineRef.current) {
        headlineRef.current.innerHTML = headline ?? '';  //@vuln CWE-79
      }
      if (type === 'status' && event.origin === OVERLAY_ORIGIN && statusRef.current) {
        statusRef.current.textContent = status ?? '';  //@safe
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    const guest = new URLSearchParams(window.location.search).get('caster');
    if (guest && castersRef.current) {
      castersRef.current.insertAdjacentHTML('afterbegin', `<li class="caster caster--guest">${guest}</li>`);  //@vuln CWE-79
    }
  }, []);

  return (
    <aside className="ticker" data-tournament={tournamentId}>
      <div ref={headlineRef} className="ticker__headline" />
      <span ref={statusRef} className="ticker__status" />
      <ul ref={castersRef} className="ticker__casters" />
    </aside>
  );
}

export default function TournamentPage() {
  const { tournament, teams, teamQuery, rulesHtml } = useLoaderData<typeof loader>();
  const resultsLabel = teamQuery ? <p className="results" dangerouslySetInnerHTML={{ __html: `Teams matching <mark>${teamQuery}</mark>` }} /> : null;  //@vuln CWE-79
  const rules = <section className="rules" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(rulesHtml) }} />;  //@safe

  return (
    <main className="tournament">
      <header>
        <h1>{tournament.name}</h1>
        <p>
          {tournament.game} · hosted by {tournament.organizer.displayName}
        </p>
      </header>
      <LiveTicker tournamentId={tournament.id} />
      <Form method="get" className="team-search">
        <input type="search" name="team" defaultValue={teamQuery} placeholder="Find a team" />
      </Form>
      {resultsLabel}
      <ol className="teams">
        {teams.map((team) => (
          <li key={team.id}>
            [{team.tag}] {team.name} <span className="rating">{team.rating}</span>
          </li>
        ))}
      </ol>
      <Form method="post" className="checkin">
        <select name="teamId">
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <input name="note" maxLength={280} placeholder="Check-in note for admins" />
        <button type="submit">Check in</button>
      </Form>
      {rules}
    </main>
  );
}
