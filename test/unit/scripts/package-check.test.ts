/**
 * `npm run package` checks the README as the extension's details page (scripts/package-check.mjs):
 * every image it references exists under images/ and none is remote, the icon is a 128x128 PNG, and
 * the packaged README has its images inlined as data: URIs (VS Code's details page admits only
 * https: and data: images: a relative or GitHub-hosted image was broken offline).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = path.join(__dirname, '..', '..', '..');
type Check = {
  readmeImages(text: string): { src: string; index: number }[];
  check(dir?: string): { problems: string[]; images: { src: string }[] };
  packagedReadme(text: string, dir?: string, base?: string): string;
  repositoryBase(pkg: unknown): string | undefined;
};
const load = () => import(pathToFileURL(path.join(repo, 'scripts', 'package-check.mjs')).href) as Promise<Check>;

const README = `# X

![hero](images/hero.png)

Text with a [link](docs/a.md), an [anchor](#x) and [AWS](https://aws.amazon.com/).

\`\`\`md
![not an image, code](images/nowhere.png)
\`\`\`

<img src="images/hover.png" width="400"> and \`![inline code](images/nowhere2.png)\`
`;

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-pkgcheck-'));
  for (const [f, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

const icon = fs.readFileSync(path.join(repo, 'images', 'icon.png'));

test('the README images are found in Markdown and HTML, not in code', async () => {
  const { readmeImages } = await load();
  assert.deepEqual(readmeImages(README).map((i) => i.src), ['images/hero.png', 'images/hover.png']);
});

test('this repository: every image the README references exists under images/, and the icon is a 128x128 PNG', async () => {
  const { check } = await load();
  const { problems, images } = check(repo);
  assert.deepEqual(problems, []);
  assert.ok(images.length >= 2, 'the README shows the screenshots');
  assert.equal(icon.readUInt32BE(16), 128);
  assert.equal(icon.readUInt32BE(20), 128);
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  assert.equal(pkg.icon, 'images/icon.png');
});

test('a missing, remote or unpackaged image, a link to no file and a missing icon are reported', async () => {
  const { check } = await load();
  const dir = workspace({
    'README.md': '![a](images/missing.png)\n![b](https://example.com/b.png)\n![c](other/c.png)\n[gone](docs/gone.md) [here](other/c.png)\n',
    'other/c.png': icon,
    'package.json': JSON.stringify({ icon: 'images/icon.png' }),
  });
  try {
    const { problems } = check(dir);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0], /images\/missing\.png: no such file/);
    assert.match(problems[1], /https:\/\/example\.com\/b\.png: a remote image does not show offline/);
    assert.match(problems[2], /other\/c\.png: not under images\//);
    assert.match(problems[3], /link docs\/gone\.md: no such file/);
    assert.match(problems[4], /icon images\/icon\.png: no such file/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the packaged README has its images inlined and its relative links on the repository; code and anchors stay', async () => {
  const { packagedReadme, repositoryBase } = await load();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const dir = workspace({ 'README.md': README, 'images/hero.png': png, 'images/hover.png': icon });
  try {
    const base = repositoryBase({ repository: { type: 'git', url: 'https://github.com/agentcore-iam/agentcore-iam' } });
    assert.equal(base, 'https://github.com/agentcore-iam/agentcore-iam/blob/HEAD/');
    const out = packagedReadme(README, dir, base);
    assert.ok(out.includes(`![hero](data:image/png;base64,${png.toString('base64')})`));
    assert.ok(out.includes(`<img src="data:image/png;base64,${icon.toString('base64')}" width="400">`));
    assert.ok(out.includes('[link](https://github.com/agentcore-iam/agentcore-iam/blob/HEAD/docs/a.md)'));
    assert.ok(out.includes('[anchor](#x)') && out.includes('[AWS](https://aws.amazon.com/)'));
    assert.ok(out.includes('![not an image, code](images/nowhere.png)') && out.includes('`![inline code](images/nowhere2.png)`'), 'code untouched');
    assert.doesNotMatch(out.replace(/```md[\s\S]*?```/, '').replace(/`[^`]*`/g, ''), /\]\(images\//, 'no relative image left outside code');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run package builds the details page from the checked README, and packages the images', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  assert.match(pkg.scripts.package, /node scripts\/package-check\.mjs && vsce package .*--readme-path dist\/README\.vsix\.md --no-rewrite-relative-links/);
  const ignore = fs.readFileSync(path.join(repo, '.vscodeignore'), 'utf8').split('\n');
  for (const line of ['!images/*.png', '!dist/README.vsix.md', '!CHANGELOG.md']) assert.ok(ignore.includes(line), line);
  assert.ok(!ignore.includes('!README.md'), 'README.md itself would clash with the packaged readme.md');
});
