// Copies Designsystemet's component CSS from node_modules into static/vendor/designsystemet/
// (git-ignored), where Django's static files finders and WhiteNoise serve it. Runs after
// `npm ci` (postinstall). With --theme it instead copies the theme that `npm run theme` built
// into static/css/theme.css (committed).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (process.argv.includes("--theme")) {
  copyFileSync(join(root, "var/design-tokens-css/medvirk.css"), join(root, "static/css/theme.css"));
  console.log("theme: static/css/theme.css");
} else {
  const source = join(root, "node_modules/@digdir/designsystemet-css");
  const target = join(root, "static/vendor/designsystemet");
  mkdirSync(target, { recursive: true });
  copyFileSync(join(source, "dist/src/index.css"), join(target, "designsystemet.css"));
  copyFileSync(join(source, "LICENSE"), join(target, "LICENSE"));
  console.log("designsystemet: static/vendor/designsystemet/designsystemet.css");
}
