/**
 * The tests expect English unless they ask for Japanese. The CLI takes its language from --lang, else
 * LC_ALL, LC_MESSAGES, LANG (cli/main.ts takeLang), whether it is spawned with the test's environment
 * or its main() runs in the test's own process with process.env; a developer with
 * LANG=ja_JP.UTF-8 had 26 tests in six files fail on Japanese output. Importing this module (helpers/cli.ts
 * does) makes the test process's locale C.UTF-8 (LC_ALL and LC_MESSAGES removed, LANGUAGE=en), and
 * every child spawned with process.env inherits it. A test that wants Japanese says so: `--lang ja`,
 * or LANG/LC_ALL=ja_JP.UTF-8 in the child's environment (a spread of process.env, then its own).
 */
export const LOCALE_VARS = ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'] as const;

for (const k of LOCALE_VARS) delete process.env[k];
process.env.LANG = 'C.UTF-8';
process.env.LANGUAGE = 'en';
