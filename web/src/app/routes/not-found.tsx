import { useI18n } from '../../lib/i18n/i18n';
import { Link } from '../../lib/router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <p>
      <Link href="/overview">{t('notfound.back')}</Link>
    </p>
  );
}
