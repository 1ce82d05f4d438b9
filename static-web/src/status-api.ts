import { callApi } from "./api";

/** The service's measured status, as GET /api/status describes it. */

export type DependencyState = "up" | "degraded" | "down" | "notConfigured" | "unknown";

export interface DependencyStatus {
  id: string;
  name: string;
  state: DependencyState;
  latencyMs?: number;
  availability24h?: number;
  availability30d?: number;
}

export interface LatencyPercentiles {
  generations: number;
  p50Seconds?: number;
  p95Seconds?: number;
  p99Seconds?: number;
}

export interface StatusReport {
  state: DependencyState;
  checkedAt?: string;
  availability24h?: number;
  availability30d?: number;
  dependencies: DependencyStatus[];
  generationLatency: { last24h: LatencyPercentiles; last30d: LatencyPercentiles };
}

export const getStatus = (): Promise<StatusReport> => callApi("/api/status");

/** The words for a state: the page never says it by colour alone. */
export const stateWords: Record<DependencyState, string> = {
  up: "Up",
  degraded: "Slow",
  down: "Down",
  notConfigured: "Not set up on this server",
  unknown: "Not measured yet",
};

export const percent = (value: number | undefined): string => (value === undefined ? "not measured" : `${value.toFixed(value === 100 ? 0 : 2)} %`);

/** The one sentence that sums the service up, naming what is down or slow. */
export function summary(report: StatusReport): string {
  const named = (state: DependencyState) => report.dependencies.filter((dependency) => dependency.state === state).map((dependency) => dependency.name);
  if (report.state === "unknown") return "Not measured yet: the first probe runs within a minute of the server starting.";
  const down = named("down");
  if (down.length > 0) return `Down: ${down.join(", ")}.`;
  const slow = named("degraded");
  return slow.length > 0 ? `Everything answers; slow: ${slow.join(", ")}.` : "Everything answers.";
}
