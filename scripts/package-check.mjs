// `npm run package`, before vsce: the README as the extension's details page.
//  - every image the README references must exist in the repository, under images/ (packaged by
//    .vscodeignore), and none may be remote: the details page of an installed .vsix is often read
//    offline;
//  - every relative link of the README must name a file of the repository;
//  - package.json's icon must be a PNG of at least 128x128 under images/;
//  - writes dist/README.vsix.md, the README with its images inlined as data: URIs and its relative
//    links made absolute on the repository, which vsce packs as the details page (--readme-path,
//    --no-rewrite-relative-links: vsce takes a data: URI for a relative link). VS Code renders that page in a webview whose content
//    security policy admits only https: and data: images, and its sanitizer drops relative ones, so a
//    relative image of the package does not show there, and an https one (what vsce makes of a
//    relative link with a repository URL) does not show offline.
// Exit 1 with a list of the problems. The functions are exported for test/unit/scripts/package-check.test.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGED_README = join('dist', 'README.vsix.md');

const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp' };

/** The text with its fenced code blocks and inline code blanked (they hold no image or link), so that offsets stay. */
function proseOf(text) {
  const blank = (m) => m.replace(/[^\n]/g, ' ');
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]*`/g, blank);
}

/** The repository file a relative image or link names (its query and fragment left off). */
function localFile(dir, src) {
  return resolve(dir, decodeURI(src.replace(/[?#].*$/, '')));
}

/** Markdown images `![alt](src "title")` and HTML `<img src="...">`, outside code blocks and spans, with their place in the text. */
export function readmeImages(text) {
  const out = [];
  const prose = proseOf(text);
  for (const m of prose.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    out.push({ src: m[1], index: m.index + m[0].indexOf(m[1]) });
  }
  for (const m of prose.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(["'])(.*?)\1/gi)) {
    out.push({ src: m[2], index: m.index + m[0].indexOf(m[2], m[0].search(/\bsrc\b/i)) });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The problems of the README's images and the icon; empty when the package may be built. */
export function check(dir = root) {
  const problems = [];
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const images = readmeImages(readme);
  for (const { src } of images) {
    if (src.startsWith('data:')) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
      problems.push(`README.md: ${src}: a remote image does not show offline; put it in images/ and reference it relatively`);
      continue;
    }
    const file = localFile(dir, src);
    const rel = relative(dir, file);
    if (!existsSync(file)) problems.push(`README.md: ${src}: no such file`);
    else if (!rel.startsWith(`images${sep}`)) problems.push(`README.md: ${src}: not under images/, so not packaged`);
    else if (!MIME[extname(file).toLowerCase()]) problems.push(`README.md: ${src}: not an image type a details page shows`);
  }
  for (const { src } of readmeLinks(readme)) {
    if (!isAbsolute(src) && !existsSync(localFile(dir, src))) problems.push(`README.md: link ${src}: no such file`);
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pkg.icon) problems.push('package.json: no "icon"');
  else {
    const icon = join(dir, pkg.icon);
    if (!existsSync(icon)) problems.push(`package.json: icon ${pkg.icon}: no such file`);
    else {
      const b = readFileSync(icon);
      const png = b.length > 24 && b.toString('latin1', 1, 4) === 'PNG';
      if (!png) problems.push(`package.json: icon ${pkg.icon}: not a PNG`);
      else if (b.readUInt32BE(16) < 128 || b.readUInt32BE(20) < 128) problems.push(`package.json: icon ${pkg.icon}: ${b.readUInt32BE(16)}x${b.readUInt32BE(20)}, smaller than 128x128`);
      if (!relative(dir, icon).startsWith(`images${sep}`)) problems.push(`package.json: icon ${pkg.icon}: not under images/, so not packaged`);
    }
  }
  return { problems, images };
}

/** Markdown links `[text](target)` that are not images, outside code, with their place in the text. */
export function readmeLinks(text) {
  const out = [];
  for (const m of proseOf(text).matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (!m[1]) out.push({ src: m[2], index: m.index + m[0].lastIndexOf(m[2]) });
  }
  return out;
}

const isAbsolute = (src) => /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('#');

/**
 * The details page's README: every local image inlined as a data: URI, and every relative link made
 * absolute on the repository (`base`, e.g. https://github.com/OWNER/NAME/blob/HEAD/), as vsce would
 * make it; vsce then runs with --no-rewrite-relative-links (it takes a data: URI for a relative path).
 */
export function packagedReadme(text, dir = root, base = undefined) {
  const edits = [];
  for (const { src, index } of readmeImages(text)) {
    if (isAbsolute(src)) continue;
    const file = localFile(dir, src);
    edits.push({ index, length: src.length, text: `data:${MIME[extname(file).toLowerCase()]};base64,${readFileSync(file).toString('base64')}` });
  }
  if (base) for (const { src, index } of readmeLinks(text)) if (!isAbsolute(src)) edits.push({ index, length: src.length, text: base + src.replace(/^\.\//, '') });
  edits.sort((a, b) => a.index - b.index);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.index) + e.text;
    at = e.index + e.length;
  }
  return out + text.slice(at);
}

/** Where relative links of the README point in the details page: the repository's files on GitHub. */
export function repositoryBase(pkg) {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const m = /github\.com[/:]([^/]+\/[^/.]+?)(?:\.git)?$/.exec(url ?? '');
  return m ? `https://github.com/${m[1]}/blob/HEAD/` : undefined;
}

function main() {
  const { problems, images } = check();
  if (problems.length) {
    console.error(`package-check: ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(root, PACKAGED_README), packagedReadme(readFileSync(join(root, 'README.md'), 'utf8'), root, repositoryBase(pkg)));
  console.log(`package-check: ${images.length} image(s) of README.md present under images/, inlined into ${PACKAGED_README}; icon present`);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) main();
