import type { OrgBranding } from "./orgs-api";
import { applyBrandColour, contactHref } from "./site";

/**
 * White-label: a member of a branded organisation sees its name, logo and colour in the site's header, and its
 * support contact in the footer. Only values the API validated reach here (a #RRGGBB colour, a PNG data URL).
 */
export function applyBranding(branding: OrgBranding | undefined, root: Document = document): void {
  if (!branding?.displayName) return;
  applyBrandColour(branding.primaryColor, root);
  const brand = root.querySelector<HTMLAnchorElement>(".brand");
  if (brand && !brand.querySelector("[data-org-brand]")) {
    const label = root.createElement("span");
    label.dataset.orgBrand = "";
    label.className = "org-brand";
    if (branding.logoDataUrl?.startsWith("data:image/png;base64,")) {
      label.append(Object.assign(root.createElement("img"), { src: branding.logoDataUrl, alt: "", width: 20, height: 20 }));
    }
    label.append(Object.assign(root.createElement("span"), { className: "org-brand-name", textContent: branding.displayName, title: branding.displayName }));
    brand.append(label);
  }
  const footer = root.querySelector(".site-footer p");
  if (footer && branding.supportContact && !footer.querySelector("[data-org-support]")) {
    const contact = branding.supportContact;
    const link = Object.assign(root.createElement("a"), {
      href: contactHref(contact),
      textContent: `${branding.displayName} support`,
    });
    link.dataset.orgSupport = "";
    footer.append(" · ", link);
  }
}
