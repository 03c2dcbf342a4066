import { Fragment } from 'react';
import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useChannel, useContacts } from '../../features/dialogue/api/dialogue-api';
import { useNotification } from '../../features/threat/api/threat-api';
import type { NotificationView, ScoredIncident } from '../../features/threat/api/types';
import { DesignatedMatches, RelatedObjects } from '../../features/threat/components/incident-parts';
import { ScoreExplanation } from '../../features/threat/components/score-explanation';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/en';
import { Link } from '../../lib/router';
import { STIX_TAXONOMY, useSectorNames } from '../../lib/sector-names';

const one = (n: number): number => Math.round(n * 10) / 10;

function usePartyName(): (id: string) => string {
  const contacts = useContacts();
  return (id) =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === id)?.name : undefined) ?? id;
}

function Notification({ n }: { n: NotificationView }) {
  const { t, dateTime, kind } = useI18n();
  const partyName = usePartyName();
  const channel = useChannel(n.channel);
  const tpl = n.template ?? {};
  return (
    <dl className="facts">
      <dt>{t('incident.channel')}</dt>
      <dd>
        <Link href={`/channels/${encodeURIComponent(n.channel)}`}>
          {channel.status === 'ok' ? channel.data.name : n.channel}
        </Link>{' '}
        · {kind(n.kind)}
      </dd>
      <dt>{t('incident.author')}</dt>
      <dd>{partyName(n.author)}</dd>
      <dt>{t('incident.created')}</dt>
      <dd>
        <time dateTime={n.created}>{dateTime(n.created)}</time>
      </dd>
      {typeof tpl.handling === 'string' ? (
        <>
          <dt>{t('incident.handling')}</dt>
          <dd>{tpl.handling}</dd>
        </>
      ) : null}
      {typeof tpl.incident_description === 'string' ? (
        <>
          <dt>{t('incident.description')}</dt>
          <dd className="prewrap">{tpl.incident_description}</dd>
        </>
      ) : null}
    </dl>
  );
}

function IncidentPanels({ n, i }: { n: NotificationView; i: ScoredIncident }) {
  const { t, number } = useI18n();
  const partyName = usePartyName();
  const s = i.detail?.score;
  const sectors = useSectorNames(STIX_TAXONOMY, i.sectors);
  return (
    <>
      <Panel title={`${t('incident.score')}: ${i.name}`} wide>
        <p>
          <span className={`level level-${i.level}`}>{t(`level.${i.level}` as MessageKey)}</span> (
          {number(one(i.score))})
        </p>
        {i.designated.length > 0 ? (
          <p className="vstate vstate-bad">
            {t('incident.escalated', { original: number(one(i.original)), score: number(one(i.score)) })}
          </p>
        ) : null}
        {s?.senderClaim?.score !== undefined ? (
          <p className="small">
            {t('incident.claim', {
              score: number(one(s.senderClaim.score)),
              level: t(`level.${s.senderClaim.level ?? 0}` as MessageKey),
            })}
          </p>
        ) : null}
        {s?.modelMismatch ? <p className="small notice">{t('incident.mismatch', s.modelMismatch)}</p> : null}
        {i.sectors.length > 0 ? (
          <p className="small" data-testid="incident-sectors">
            {t('incident.sectors')}:{' '}
            {i.sectors.map((id, k) => (
              <Fragment key={id}>
                {k > 0 ? ', ' : null}
                {sectors.node(id)}
              </Fragment>
            ))}
          </p>
        ) : null}
        {s ? <ScoreExplanation score={s} /> : null}
      </Panel>
      <Panel title={t('incident.designated')} wide>
        <DesignatedMatches incident={i} partyName={partyName} />
      </Panel>
      <Panel title={t('incident.related')} wide>
        <RelatedObjects objects={n.objects} incidentId={i.incidentId} />
      </Panel>
    </>
  );
}

/** One notification's incidents: score and why, designated infrastructure matched, the STIX around them. */
export function IncidentPage({ hash }: { hash: string }) {
  const { t } = useI18n();
  const n = useNotification(hash);
  return (
    <div className="grid" data-testid="incident-page">
      <ApiView state={n}>
        {(d) => (
          <>
            <Panel title={t('incident.notification')} wide>
              <Notification n={d} />
              {d.incidents.length === 0 ? <p className="notice">{t('incident.none')}</p> : null}
            </Panel>
            {d.incidents.map((i) => (
              <IncidentPanels key={i.incidentId} n={d} i={i} />
            ))}
          </>
        )}
      </ApiView>
    </div>
  );
}
