import { callApi } from "./api";

/** Crew templates: the built-in ones and a person's own. */

export interface CrewTemplate {
  id: string;
  name: string;
  description: string;
  requirement: string;
  hints?: string;
  builtIn: boolean;
}

export interface TemplateList {
  builtIn: CrewTemplate[];
  custom: CrewTemplate[];
  customAllowed: boolean;
}

export const listTemplates = (bearer: string | null, fetcher: typeof fetch = fetch): Promise<TemplateList> =>
  callApi<TemplateList>("/api/templates", { bearer }, fetcher);

export const saveTemplateFrom = (generationId: string, name: string, bearer: string, fetcher: typeof fetch = fetch): Promise<CrewTemplate> =>
  callApi<CrewTemplate>("/api/templates", { method: "POST", body: JSON.stringify({ name, generationId }), bearer }, fetcher);

export interface TemplateFields {
  name: string;
  requirement: string;
  hints?: string;
}

export const createTemplate = (fields: TemplateFields, bearer: string, fetcher: typeof fetch = fetch): Promise<CrewTemplate> =>
  callApi<CrewTemplate>("/api/templates", { method: "POST", body: JSON.stringify(fields), bearer }, fetcher);

export const updateTemplate = (id: string, fields: TemplateFields, bearer: string, fetcher: typeof fetch = fetch): Promise<CrewTemplate> =>
  callApi<CrewTemplate>(`/api/templates/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify(fields), bearer }, fetcher);

export const deleteTemplate = (id: string, bearer: string, fetcher: typeof fetch = fetch): Promise<void> =>
  callApi<void>(`/api/templates/${encodeURIComponent(id)}`, { method: "DELETE", bearer }, fetcher);
