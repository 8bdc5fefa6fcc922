// Browser mode's page the server will not serve: opened without its token (or with an old one),
// or turned away (`refused`: too many windows open). It never gets the terminal's settings, so it
// speaks the language it last had, else both (i18n's pageLanguages), and so do the header's label
// and the banner over it (InPageLanguages.tsx).
import { errorText, i18next } from '../i18n/i18n';
import type { AppError, Lang } from '../../shared/error-codes';

export function NoTokenPage({ langs, refused }: { langs: readonly Lang[]; refused?: AppError }) {
  // A page without its token can save nothing, not even a draft: no form to type into.
  return (
    <section className="card" data-testid={refused ? 'refused' : 'unauthorized'} data-reason={refused?.code}>
      {langs.map((lang) => {
        const t = i18next.getFixedT(lang, 'ui');
        return (
          <div key={lang} lang={lang}>
            <h1>{t('app.unauthorizedTitle')}</h1>
            <p>{refused ? errorText(t, refused) : t('app.unauthorizedHelp')}</p>
          </div>
        );
      })}
    </section>
  );
}
