/**
 * The language of every message: one template per language behind one interface (types.ts), chosen by
 * `AnalysisSettings.locale` (the editor's display language, the CLI's --lang or LANG). English is the
 * fallback. `messagesFor` returns one of two module constants: nothing is built per keystroke.
 */
import { en } from './en';
import { ja } from './ja';
import type { Locale, Messages } from './types';
import { inLocale, toLocale } from './locale';

export type { Locale, Messages } from './types';
export { en } from './en';
export { ja } from './ja';

export { toLocale } from './locale';

export function messagesFor(locale: string | undefined): Messages {
  return inLocale(locale, en, ja);
}

/** The CLI's language from its environment: LC_ALL, else LC_MESSAGES, else LANG (POSIX order). */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
