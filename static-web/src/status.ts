import "./styles.css";
import { element, formatDate, showError } from "./dom";
import { renderAccountNav } from "./nav";
import { getStatus, percent, stateWords, summary, type DependencyStatus, type LatencyPercentiles, type StatusReport } from "./status-api";
import { fillTable } from "./table";

renderAccountNav();

const cards = element<HTMLUListElement>("dependencies");
const template = element<HTMLTemplateElement>("dependency-template");

function card(dependency: DependencyStatus): HTMLLIElement {
  const item = template.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
  item.dataset.dependency = dependency.id;
  item.dataset.state = dependency.state;
  item.querySelector(".dependency-name")!.textContent = dependency.name;
  item.querySelector(".dependency-state")!.textContent = stateWords[dependency.state];
  item.querySelector(".dependency-latency")!.textContent = dependency.latencyMs === undefined ? "—" : `${dependency.latencyMs} ms`;
  item.querySelector(".dependency-day")!.textContent = percent(dependency.availability24h);
  item.querySelector(".dependency-month")!.textContent = percent(dependency.availability30d);
  return item;
}

const seconds = (value: number | undefined): string => (value === undefined ? "—" : `${value} s`);

const latencyRow = (period: string, latency: LatencyPercentiles): string[] => [
  period,
  String(latency.generations),
  seconds(latency.p50Seconds),
  seconds(latency.p95Seconds),
  seconds(latency.p99Seconds),
];

function render(report: StatusReport): void {
  const checked = report.checkedAt ? ` Checked ${formatDate(report.checkedAt)}.` : "";
  const overall = `Whole service: ${percent(report.availability24h)} over the last 24 hours, ${percent(report.availability30d)} over the last 30 days.`;
  const line = element("status-summary");
  line.dataset.state = report.state;
  line.textContent = `${summary(report)}${checked} ${overall}`;
  cards.replaceChildren(...report.dependencies.map(card));
  fillTable(element("latency"), [latencyRow("Last 24 hours", report.generationLatency.last24h), latencyRow("Last 30 days", report.generationLatency.last30d)]);
}

getStatus()
  .then(render)
  .catch(() => {
    element("status-summary").textContent = "";
    showError(element("status-error"), "The status could not be loaded; please reload the page in a minute.");
  });
