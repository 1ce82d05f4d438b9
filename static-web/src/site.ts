import { callApi } from "./api";

/** How the site at this address presents itself (GET /api/site): CrewBuilder's own, or an organisation's white-label brand. */
export interface SiteBrand {
  name: string;
  whiteLabel: boolean;
  primaryColor?: string;
  logoDataUrl?: string;
  supportContact?: string;
  footerLinks: { label: string; url: string }[];
}

const crewBuilder: SiteBrand = { name: "CrewBuilder", whiteLabel: false, footerLinks: [] };
let loaded: Promise<SiteBrand> | undefined;

/** The site's brand, asked once per page; CrewBuilder's own when the API cannot say. */
export function siteBrand(fetcher: typeof fetch = fetch): Promise<SiteBrand> {
  loaded ??= callApi<SiteBrand>("/api/site", {}, fetcher).catch(() => crewBuilder);
  return loaded;
}

const isPng = (url: string | undefined): url is string => url?.startsWith("data:image/png;base64,") ?? false;
const isHttps = (url: string): boolean => url.startsWith("https://");
export const contactHref = (contact: string): string => (contact.includes("@") && !isHttps(contact) ? `mailto:${contact}` : contact);

/** Every text outside code that names CrewBuilder names the organisation instead. */
function rename(root: Element, name: string): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest("code, pre, textarea, script, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.includes("CrewBuilder")) node.textContent = node.textContent.replaceAll("CrewBuilder", name);
  }
}

/** An organisation's colour for the site's links and buttons; the API lets only a #RRGGBB colour that reads through. */
export function applyBrandColour(colour: string | undefined, root: Document = document): void {
  if (!colour || !/^#[0-9a-fA-F]{6}$/.test(colour)) return;
  root.documentElement.style.setProperty("--brand", colour);
  root.documentElement.style.setProperty("--brand-dark", colour);
}

/**
 * On an organisation's own hostname everyone sees only its brand: its logo and name in place of CrewBuilder's, its name
 * in the title, its colour, its support contact and footer links; CrewBuilder's pricing and offers (marked
 * data-crewbuilder-offer) are gone. Only values the API validated reach here (a #RRGGBB colour, a PNG data URL, https links).
 */
export function applySite(site: SiteBrand, root: Document = document): void {
  if (!site.whiteLabel) return;
  root.documentElement.dataset.whiteLabel = "";
  applyBrandColour(site.primaryColor, root);
  root.title = root.title.replaceAll("CrewBuilder", site.name);
  // CrewBuilder's offers stay in the page for the scripts that read them, hidden by the stylesheet; links to its pricing and billing go.
  for (const link of root.querySelectorAll("a[href='/pricing'], a[href^='/pricing#'], a[href='/billing']")) link.remove();
  const brand = root.querySelector<HTMLAnchorElement>(".brand");
  if (brand) {
    brand.setAttribute("aria-label", `${site.name} home`);
    brand.dataset.siteBrand = "";
    const logo = isPng(site.logoDataUrl) ? [Object.assign(root.createElement("img"), { src: site.logoDataUrl, alt: "", width: 28, height: 28 })] : [];
    brand.replaceChildren(...logo, site.name);
  }
  const footer = root.querySelector(".site-footer");
  if (footer) {
    const nav = footer.querySelector("nav") ?? footer.appendChild(root.createElement("nav"));
    const link = (href: string, text: string): HTMLAnchorElement => Object.assign(root.createElement("a"), { href, textContent: text });
    nav.replaceChildren(
      ...site.footerLinks.filter((item) => isHttps(item.url)).map((item) => link(item.url, item.label)),
      ...(site.supportContact ? [link(contactHref(site.supportContact), `${site.name} support`)] : []),
      link("/privacy", "Privacy"),
    );
    footer.querySelector("p")?.replaceChildren(site.name);
  }
  const main = root.querySelector("main");
  if (main) rename(main, site.name);
}
