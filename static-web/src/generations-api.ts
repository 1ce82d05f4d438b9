import { callApi, headers, problemFrom, type Page } from "./api";

/** Generations: starting one, following its progress, and what it made. */

export type GenerationStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export type StepStatus = "pending" | "running" | "completed" | "failed";

export interface StepProgress {
  name: string;
  status: StepStatus;
  startedAt?: string;
  completedAt?: string;
  /** What the step found or made, once it has done something ("Designed 4 agents: …"). */
  summary?: string;
  /** The tokens the step's model calls spent, and their estimated cost. */
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
  /** The step's work that runs side by side (one part per system assessed, per tool written…). */
  parts?: StepPart[];
}

export interface StepPart {
  name: string;
  status: StepStatus;
  summary?: string;
}

/** The finished project at a glance, and what running the crew is estimated to cost. */
export interface ProjectSummary {
  systemName: string;
  agents: number;
  tasks: number;
  integrations: number;
  complexity: "low" | "medium" | "high";
  runtimeModel: string;
  costPerRunUsd: number;
  runsPerMonth: number;
  costPerMonthUsd: number;
  /** The integrations' own fees within costPerMonthUsd. */
  integrationsPerMonthUsd?: number;
}

/** What the generation itself took. */
export interface GenerationCost {
  seconds: number;
  tokensIn: number;
  tokensOut: number;
  costUsd?: number;
}

export interface GeneratedFile {
  path: string;
  size: number;
}

export interface Generation {
  id: string;
  status: GenerationStatus;
  mode: string;
  steps: StepProgress[];
  progress: number;
  createdAt: string;
  completedAt?: string;
  error?: string;
  files: GeneratedFile[];
  keySource?: "once" | "saved" | "organisation" | "platform" | "server";
  provider?: "openai" | "anthropic";
  model?: string;
  summary?: ProjectSummary;
  cost?: GenerationCost;
  parentId?: string;
  rating?: { stars: number; comment?: string; ratedAt: string };
  /** For a generation on an organisation's key: the organisation that pays. */
  organisation?: { id: string; name: string };
  /** What it is charged to, and whether it counted: only a completed generation does. */
  charge?: { to: "none" | "plan" | "credit" | "organisation"; counted: boolean };
  /** What the generation was given: the words sent, with a chat's answers or a refinement's instruction. */
  requirement?: string;
}

export interface Accepted {
  id: string;
  statusUrl: string;
  /** Only for an anonymous generation: the one secret that can read it. */
  accessToken?: string;
}

/** Which key to use: none given means the server's default order; a key for this generation only arrives encrypted. */
export interface KeyRequest {
  keySource?: "once" | "saved" | "organisation" | "platform" | "server";
  provider?: "openai" | "anthropic";
  encryptedKey?: string;
  /** A paid one-off generation's claim, spent on CrewBuilder Pro AI. */
  credit?: string;
  /** With one's own key: the model every step asks (else the server's default). */
  model?: string;
  /** The organisation whose key pays, for a member of several. */
  orgId?: string;
}

/**
 * Where the generation's requirement comes from instead of the text: a clarification chat (with its token when started
 * without an account), a template, or an earlier generation refined by an instruction.
 */
export type GenerationSource =
  | { clarificationId: string; clarificationToken?: string }
  | { templateId: string }
  | { parentId: string; instruction: string; parentToken?: string };

/** The project's shape: crewai's classic src/ package with YAML, or its JSON-first crew.jsonc (the server's default is classic). */
export type ProjectLayout = "classic" | "json";

export function startGeneration(
  requirement: string,
  bearer: string | null = null,
  fetcher: typeof fetch = fetch,
  key: KeyRequest = {},
  source?: GenerationSource,
  layout?: ProjectLayout,
): Promise<Accepted> {
  return callApi<Accepted>("/api/generations", { method: "POST", body: JSON.stringify({ requirement, ...key, ...source, layout }), bearer }, fetcher);
}

export const rateGeneration = (id: string, stars: number, comment: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<Generation> =>
  callApi<Generation>(`${statusUrl(id)}/rating`, { method: "PUT", body: JSON.stringify({ stars, comment: comment || undefined }), bearer }, fetcher);

export interface Forecast {
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  standardModel: string;
  advancedModel: string;
}

export const forecastGeneration = (requirement: string, provider?: string, fetcher: typeof fetch = fetch): Promise<Forecast> =>
  callApi<Forecast>("/api/generations/forecast", { method: "POST", body: JSON.stringify({ requirement, provider }), bearer: null }, fetcher);

export function getGeneration(statusUrl: string, bearer: string | null = null, fetcher: typeof fetch = fetch): Promise<Generation> {
  return callApi<Generation>(statusUrl, { bearer }, fetcher);
}

/** Downloads the project zip with the caller's credentials (a plain link cannot send them) and hands it to the browser. */
export async function downloadArtifact(id: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<{ blob: Blob; fileName: string }> {
  const response = await fetcher(artifactUrl(id), { headers: headers(bearer) });
  if (!response.ok) {
    throw await problemFrom(response);
  }
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? "crew.zip";
  return { blob: await response.blob(), fileName: decodeURIComponent(fileName) };
}

/** Stops a queued or running generation; answers with it as cancelled. */
export async function cancelGeneration(id: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<Generation> {
  const response = await fetcher(statusUrl(id), { method: "DELETE", headers: headers(bearer) });
  if (!response.ok) {
    throw await problemFrom(response);
  }
  return (await response.json()) as Generation;
}

export const statusUrl = (id: string): string => `/api/generations/${encodeURIComponent(id)}`;
export const artifactUrl = (id: string): string => `${statusUrl(id)}/artifact`;

export interface GenerationSummary {
  id: string;
  status: GenerationStatus;
  mode: string;
  progress: number;
  requirement: string;
  packageName?: string;
  createdAt: string;
  completedAt?: string;
  name?: string;
  parentId?: string;
  layout?: ProjectLayout;
}

export function listGenerations(bearer: string, continuationToken?: string): Promise<Page<GenerationSummary>> {
  const query = new URLSearchParams({ pageSize: "10" });
  if (continuationToken) query.set("continuationToken", continuationToken);
  return callApi<Page<GenerationSummary>>(`/api/generations?${query}`, { bearer });
}

/** An original generation and the refinements made from it, newest first; its name is the original's. */
export interface Project {
  id: string;
  name?: string;
  original: GenerationSummary;
  refinements: GenerationSummary[];
  lastActivityAt: string;
}

export interface ProjectQuery {
  q?: string;
  status?: GenerationStatus;
  layout?: ProjectLayout;
  /** ISO 8601: created at or after. */
  from?: string;
  /** ISO 8601: created before. */
  to?: string;
}

export function listProjects(bearer: string, filter: ProjectQuery, continuationToken?: string): Promise<Page<Project>> {
  const query = new URLSearchParams({ pageSize: "10" });
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
  if (continuationToken) query.set("continuationToken", continuationToken);
  return callApi<Page<Project>>(`/api/projects?${query}`, { bearer });
}

const projectUrl = (id: string): string => `/api/projects/${encodeURIComponent(id)}`;
export const renameProject = (bearer: string, id: string, name: string): Promise<Generation> =>
  callApi(projectUrl(id), { method: "PATCH", body: JSON.stringify({ name }), bearer });
export const deleteProject = (bearer: string, id: string): Promise<void> => callApi(projectUrl(id), { method: "DELETE", bearer });
