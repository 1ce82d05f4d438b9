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
  }
}

const readAsDataUrl = (file: File): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error("The logo could not be read."));
    reader.readAsDataURL(file);
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
      });
      delete element("org-branding").dataset.editing;
      await page.show(page.selected()!.id);
      tell("Branding saved.");
    });
  });
}
