using CrewBuilder.Core;
using CrewBuilder.Core.Observability;
using CrewBuilder.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.UseMiddleware<ProblemDetailsMiddleware>();
builder.Services.AddCrewBuilder(builder.Configuration);
builder.Services.AddFunctionsTelemetry(builder.Configuration);
builder.Services.AddKeyRedaction();
builder.Build().Run();
