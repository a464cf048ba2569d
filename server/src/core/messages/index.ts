/**
 * The language of every message: one template per language behind one interface (types.ts), chosen by
 * `AnalysisSettings.locale` (the editor's display language, the CLI's --lang or LANG). English is the
 * fallback. `messagesFor` returns one of two module constants: nothing is built per keystroke.
 */
import { en } from './en';
import { ja } from './ja';
import type { Locale, Messages } from './types';

export type { Locale, Messages } from './types';
export { en } from './en';
export { ja } from './ja';

export const LOCALES: readonly Locale[] = ['en', 'ja'];

/** A BCP 47 tag ("ja", "ja-JP") or a POSIX locale ("ja_JP.UTF-8") to a language we have; else English. */
export function toLocale(tag: string | undefined | null): Locale {
  return tag && /^ja(?:$|[-_.@])/i.test(tag.trim()) ? 'ja' : 'en';
}

export function messagesFor(locale: string | undefined): Messages {
  return locale === 'ja' ? ja : locale === undefined || locale === 'en' ? en : toLocale(locale) === 'ja' ? ja : en;
}

/** The CLI's language from its environment: LC_ALL, else LC_MESSAGES, else LANG (POSIX order). */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
