import { element } from "./dom";
import { setBranding, type OrgSummary } from "./orgs-api";
import { attempt, tell, type OrgsPage } from "./orgs-page";

/** The branding form: the name, colour, logo and support contact members see. */

export function fillBranding(org: OrgSummary): void {
  // A refresh (after saving a key, say) must not overwrite what the person is typing into the branding form.
  if (element("org-branding").dataset.editing !== org.id) {
    element<HTMLInputElement>("brand-name").value = org.branding?.displayName ?? org.name;
    element<HTMLInputElement>("brand-color").value = org.branding?.primaryColor ?? "#4338ca";
    element<HTMLInputElement>("brand-support").value = org.branding?.supportContact ?? "";
    element<HTMLTextAreaElement>("brand-links").value = (org.branding?.footerLinks ?? []).map((link) => `${link.label} ${link.url}`).join("\n");
  }
}

const readAsDataUrl = (file: File): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error("The logo could not be read."));
    reader.readAsDataURL(file);
  });

/** "Terms https://example.com/terms" a line: the label is what comes before the last space. */
const footerLinks = (text: string): { label: string; url: string }[] =>
  text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.lastIndexOf(" ");
    return at < 0 ? { label: line, url: line } : { label: line.slice(0, at).trim(), url: line.slice(at + 1) };
  });

export function wireBranding(page: OrgsPage): void {
  element<HTMLFormElement>("branding-form").addEventListener("input", () => {
    const org = page.selected();
    if (org) element("org-branding").dataset.editing = org.id;
  });
  element<HTMLFormElement>("branding-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const file = element<HTMLInputElement>("brand-logo").files?.[0];
      const logoDataUrl = file ? await readAsDataUrl(file) : page.selected()!.branding?.logoDataUrl;
      const support = element<HTMLInputElement>("brand-support").value.trim();
      await setBranding(page.bearer, page.selected()!.id, {
        displayName: element<HTMLInputElement>("brand-name").value.trim(),
        primaryColor: element<HTMLInputElement>("brand-color").value,
        supportContact: support || undefined,
        logoDataUrl,
        footerLinks: footerLinks(element<HTMLTextAreaElement>("brand-links").value),
      });
      delete element("org-branding").dataset.editing;
      await page.show(page.selected()!.id);
      tell("Branding saved.");
    });
  });
}
