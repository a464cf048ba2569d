/**
 * Which of our languages a tag names, and the one choice of a message set by it: no imports, so that
 * every message module (and the hot paths that pick one) can use it without loading the others.
 */
import type { Locale } from './types';

/** A BCP 47 tag ("ja", "ja-JP") or a POSIX locale ("ja_JP.UTF-8") to a language we have; else English. */
export function toLocale(tag: string | undefined | null): Locale {
  return tag && /^ja(?:$|[-_.@])/i.test(tag.trim()) ? 'ja' : 'en';
}

/** `ja` for a Japanese tag (toLocale), else `en`; `'ja'` and no tag at all are answered without the pattern. */
export function inLocale<T>(locale: string | undefined, en: T, ja: T): T {
  if (locale === 'ja') return ja;
  if (locale === undefined || locale === 'en') return en;
  return toLocale(locale) === 'ja' ? ja : en;
}
