import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Plugin } from "vite";

/**
 * Replaces `<!-- include: name -->` in every page with partials/name.html, so the pages share one head,
 * header and footer. The current page's link in the header gets aria-current="page".
 */
export function sitePartials(root: string): Plugin {
  const read = (name: string): string => readFileSync(resolve(root, "partials", `${name}.html`), "utf8").trimEnd();
  return {
    name: "crewbuilder-site-partials",
    transformIndexHtml(html, context) {
      const page = "/" + context.path.replace(/^\//, "").replace(/(index)?\.html$/, "");
      return html
        .replace(/<!-- include: (\w+) -->/g, (_, name: string) => read(name))
        .replace(`<a href="${page}">`, `<a href="${page}" aria-current="page">`);
    },
  };
}
