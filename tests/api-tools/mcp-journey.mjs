// A coding assistant's journey through CrewBuilder's MCP server, made with the official TypeScript MCP SDK: the client
// Claude Code, VS Code and the MCP Inspector are built on. The SDK checks every answer against the protocol's schemas
// and each tool's structured output against its output schema, so a server answer it would refuse fails here.
//
// Usage: CREWBUILDER_TOKEN=cb_... node mcp-journey.mjs <server's /api/mcp URL>
// The token comes from the environment so that it is never on a command line. Writes one JSON summary to stdout.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

const endpoint = new URL(process.argv[2]);
const token = process.env.CREWBUILDER_TOKEN;
if (!token) {
  console.error('Set CREWBUILDER_TOKEN to a personal API token.');
  process.exit(2);
}

const requirement = 'A crew that triages our support inbox and drafts replies for the support team.';
const transport = new StreamableHTTPClientTransport(endpoint, {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: 'crewbuilder-mcp-journey', version: '1.0.0' });
await client.connect(transport);

const textOf = (result) => result.content.find((block) => block.type === 'text')?.text ?? '';
const tools = await client.listTools();
const templates = await client.listResourceTemplates();
const forecast = await client.callTool({ name: 'forecast_generation', arguments: { requirement } });

const progress = [];
const generated = await client.callTool(
  { name: 'generate_crew', arguments: { requirement } },
  undefined,
  { onprogress: (value) => progress.push(value), timeout: 120_000, resetTimeoutOnProgress: true },
);
const generation = JSON.parse(textOf(generated));
const links = generated.content.filter((block) => block.type === 'resource_link');
const readme = links.find((link) => link.uri.endsWith('/files/README.md'));

const fetched = await client.callTool({ name: 'get_generation', arguments: { id: generation.id } });
const listed = await client.callTool({ name: 'list_generations', arguments: { pageSize: 5 } });
const fileByTool = await client.callTool({ name: 'read_project_file', arguments: { id: generation.id, path: 'README.md' } });
const fileByResource = await client.readResource({ uri: readme.uri });
const zip = await client.readResource({ uri: links.find((link) => link.uri.endsWith('/project.zip')).uri });
const missing = await client.callTool({ name: 'get_generation', arguments: { id: 'no-such-generation' } });
await client.close();

const zipBytes = Buffer.from(zip.contents[0].blob, 'base64');
console.log(JSON.stringify({
  server: client.getServerVersion(),
  protocolVersion: transport.protocolVersion ?? null,
  latestProtocolVersion: LATEST_PROTOCOL_VERSION,
  tools: tools.tools.map((tool) => tool.name).sort(),
  resourceTemplates: templates.resourceTemplates.map((template) => template.uriTemplate).sort(),
  forecast: { isError: forecast.isError ?? false, estimate: JSON.parse(textOf(forecast)) },
  generated: { isError: generated.isError ?? false, id: generation.id, status: generation.status, links: links.map((link) => link.uri) },
  progress: progress.map(({ progress: done, total, message }) => ({ progress: done, total, message })),
  fetched: { isError: fetched.isError ?? false, id: JSON.parse(textOf(fetched)).id, status: JSON.parse(textOf(fetched)).status },
  listedIds: JSON.parse(textOf(listed)).items.map((item) => item.id),
  readmeByTool: textOf(fileByTool),
  readmeByResource: { mimeType: fileByResource.contents[0].mimeType, text: fileByResource.contents[0].text },
  zip: { mimeType: zip.contents[0].mimeType, bytes: zipBytes.length, startsLikeAZip: zipBytes.subarray(0, 2).toString('latin1') === 'PK' },
  missing: { isError: missing.isError ?? false, text: textOf(missing) },
}));
