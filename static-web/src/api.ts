export type GenerationStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export type StepStatus = "pending" | "running" | "completed" | "failed";

export interface StepProgress {
  name: string;
  status: StepStatus;
  startedAt?: string;
  completedAt?: string;
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
}

export interface Accepted {
  id: string;
  statusUrl: string;
}

/** An RFC 9457 problem from the API, with the field errors it carried. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: Record<string, string[]>,
  ) {
    super(detail ?? title);
  }

  /** The most useful sentence for a person: a field error if there is one, else the detail. */
  get explanation(): string {
    const first = Object.values(this.errors).flat()[0];
    return first ?? this.detail ?? this.title;
  }
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  try {
    const body = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    return new ApiProblem(response.status, body.title ?? response.statusText, body.detail, body.errors ?? {});
  } catch {
    return new ApiProblem(response.status, `The server answered ${response.status}.`, undefined, {});
  }
}

export async function startGeneration(requirement: string, fetcher: typeof fetch = fetch): Promise<Accepted> {
  const response = await fetcher("/api/generations", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ requirement }),
  });
  if (response.status !== 202) {
    throw await problemFrom(response);
  }
  return (await response.json()) as Accepted;
}

export async function getGeneration(statusUrl: string, fetcher: typeof fetch = fetch): Promise<Generation> {
  const response = await fetcher(statusUrl, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw await problemFrom(response);
  }
  return (await response.json()) as Generation;
}

export const statusUrl = (id: string): string => `/api/generations/${encodeURIComponent(id)}`;
export const artifactUrl = (id: string): string => `${statusUrl(id)}/artifact`;
