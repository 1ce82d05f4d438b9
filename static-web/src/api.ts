import { showError } from "./dom";

/** How the front end talks to the API: JSON calls with a bearer, and RFC 9457 problems as errors. */

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

export async function problemFrom(response: Response): Promise<ApiProblem> {
  try {
    const body = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    return new ApiProblem(response.status, body.title ?? response.statusText, body.detail, body.errors ?? {});
  } catch {
    return new ApiProblem(response.status, `The server answered ${response.status}.`, undefined, {});
  }
}

export function headers(bearer: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return bearer ? { ...extra, Authorization: `Bearer ${bearer}` } : extra;
}

/** Calls the API and reads its JSON answer, or throws the problem it answered with. */
export async function callApi<T>(url: string, init: RequestInit & { bearer?: string | null } = {}, fetcher: typeof fetch = fetch): Promise<T> {
  const { bearer = null, ...request } = init;
  const response = await fetcher(url, {
    ...request,
    headers: headers(bearer, { Accept: "application/json", ...(request.body ? { "Content-Type": "application/json" } : {}) }),
  });
  if (!response.ok) {
    throw await problemFrom(response);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

/** What a person reads when a call failed: the problem's own explanation, or that CrewBuilder could not be reached. */
export const explain = (problem: unknown): string => (problem instanceof ApiProblem ? problem.explanation : "CrewBuilder could not be reached; please try again.");

/** Runs an action, showing in <code>error</code> why it failed (and clearing it first). */
export async function attemptShowing(error: HTMLElement, action: () => Promise<void>): Promise<void> {
  showError(error, null);
  try {
    await action();
  } catch (problem) {
    showError(error, explain(problem));
  }
}
