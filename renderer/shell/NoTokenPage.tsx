// Browser mode's page opened without its token (or with an old one): what to open instead. It
// never gets the terminal's settings, so it speaks the language it last had, else both.
import { i18next } from '../i18n/i18n';
import type { Lang } from '../../shared/error-codes';

export function NoTokenPage({ langs }: { langs: readonly Lang[] }) {
  // A page without its token can save nothing, not even a draft: no form to type into.
  return (
    <section className="card" data-testid="unauthorized">
      {langs.map((lang) => {
        const t = i18next.getFixedT(lang, 'ui');
        return (
          <div key={lang} lang={lang}>
            <h1>{t('app.unauthorizedTitle')}</h1>
            <p>{t('app.unauthorizedHelp')}</p>
          </div>
        );
      })}
    </section>
  );
}
