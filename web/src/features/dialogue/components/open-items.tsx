import { ApiView } from '../../../components/api-view';
import { useServerWords } from '../../../components/server-word';
import { Link } from '../../../lib/router';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { useAlarms, useOpenItems } from '../api/dialogue-api';

/** Requests awaiting an answer, soonest deadline first, with countdowns in words. */
export function OpenItems() {
  const { t, dateTime, relative, kind } = useI18n();
  const items = useOpenItems();
  return (
    <ApiView state={items}>
      {(d) =>
        d.items.length === 0 ? (
          <p className="muted">{t('overview.open.none')}</p>
        ) : (
          <ul className="items">
            {[...d.items]
              .sort((a, b) => (a.respond_by ?? a.receipt_due).localeCompare(b.respond_by ?? b.receipt_due))
              .map((i) => {
                const due = i.respond_by ?? i.receipt_due;
                const overdue = i.overdue_at !== undefined || Date.parse(due) < Date.now();
                return (
                  <li key={i.hash} className={overdue ? 'item item-overdue' : 'item'}>
                    <Link href={`/channels/${encodeURIComponent(i.channel)}`}>{i.summary}</Link>
                    <span className="small">
                      {i.channel_name} · {kind(i.kind)}
                    </span>
                    <span className={overdue ? 'vstate vstate-bad' : 'vstate vstate-wait'}>
                      {t('overview.open.due')}: {dateTime(due)} —{' '}
                      <strong>
                        {overdue
                          ? t('overview.open.overdue', { time: relative(i.overdue_at ?? due) })
                          : t('overview.open.in', { time: relative(due) })}
                      </strong>
                    </span>
                  </li>
                );
              })}
          </ul>
        )
      }
    </ApiView>
  );
}

export function Alarms() {
  const { t, dateTime } = useI18n();
  const words = useServerWords();
  const alarms = useAlarms();
  return (
    <ApiView state={alarms}>
      {(d) =>
        d.alarms.length === 0 ? (
          <p className="muted">{t('overview.alarms.none')}</p>
        ) : (
          <ul className="items">
            {d.alarms.map((a) => (
              <li key={a.id} className={`item alarm-${a.severity}`}>
                <span>
                  <strong>{t(`severity.${a.severity}` as MessageKey)}</strong>: {words.alarmKind(a.kind)} ·{' '}
                  {dateTime(a.raised_at)}
                </span>
                <span className="small" lang="en">
                  {a.message}
                </span>
              </li>
            ))}
          </ul>
        )
      }
    </ApiView>
  );
}
