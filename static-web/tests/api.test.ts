import { describe, expect, it } from "vitest";
import { ApiProblem, artifactUrl, getGeneration, startGeneration } from "../src/api";

const respond = (status: number, body: unknown, contentType = "application/json"): typeof fetch =>
  (async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "Content-Type": contentType } })) as typeof fetch;

describe("startGeneration", () => {
  it("returns the id and status URL of an accepted generation", async () => {
    const accepted = await startGeneration("a requirement long enough", respond(202, { id: "abc", statusUrl: "/api/generations/abc" }));
    expect(accepted).toEqual({ id: "abc", statusUrl: "/api/generations/abc" });
  });

  it("sends the requirement as JSON", async () => {
    let sent: RequestInit | undefined;
    const capture = (async (_url: string, init?: RequestInit) => {
      sent = init;
      return new Response(JSON.stringify({ id: "x", statusUrl: "/x" }), { status: 202 });
    }) as typeof fetch;
    await startGeneration("Triage the inbox and draft replies", capture);
    expect(sent?.method).toBe("POST");
    expect(JSON.parse(String(sent?.body))).toEqual({ requirement: "Triage the inbox and draft replies" });
  });

  it("turns a validation problem into an explanation from its field errors", async () => {
    const problem = { type: "https://crewbuilder.dev/problems/validation", title: "The request is not valid.", status: 422,
      detail: "See 'errors' for what to change.", errors: { requirement: ["Describe what the crew should do in 20 to 10,000 characters (you sent 5)."] } };
    const error = await startGeneration("short", respond(422, problem, "application/problem+json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(422);
    expect((error as ApiProblem).explanation).toBe("Describe what the crew should do in 20 to 10,000 characters (you sent 5).");
  });

  it("still explains an error whose body is not JSON", async () => {
    const error = (await startGeneration("x".repeat(30), respond(502, "Bad gateway", "text/plain")).catch((e: unknown) => e)) as ApiProblem;
    expect(error.explanation).toBe("The server answered 502.");
  });
});

describe("getGeneration", () => {
  it("raises a 404 problem for an unknown generation", async () => {
    const error = (await getGeneration("/api/generations/nope", respond(404, { title: "No such generation.", status: 404 })).catch((e: unknown) => e)) as ApiProblem;
    expect(error.status).toBe(404);
    expect(error.explanation).toBe("No such generation.");
  });
});

describe("artifactUrl", () => {
  it("escapes the id", () => {
    expect(artifactUrl("a/b")).toBe("/api/generations/a%2Fb/artifact");
  });
});
