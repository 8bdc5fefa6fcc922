// A short text on a page the server will not serve (NoTokenPage.tsx): such a page never gets the
// terminal's settings, so its header's label and banner speak the page's languages (i18n's
// pageLanguages), as the page does.
import { Fragment } from 'react';
import { errorText, i18next } from '../i18n/i18n';
import type { UiKey } from '../i18n/ui-strings';
import type { AppError, Lang } from '../../shared/error-codes';

/** A short UI string (the header's label) or error (the banner's) on such a page, in each of its languages. */
export function InPageLanguages({
  langs,
  ...say
}: { langs: readonly Lang[] } & ({ word: UiKey } | { error: AppError })) {
  return langs.map((lang, i) => {
    const t = i18next.getFixedT(lang, 'ui');
    return (
      <Fragment key={lang}>
        {i > 0 ? ' · ' : null}
        <span lang={lang}>{'word' in say ? t(say.word) : errorText(t, say.error)}</span>
      </Fragment>
    );
  });
}
