using CrewBuilder.Core.Api;
using CrewBuilder.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddSelfHost();

var app = builder.Build();
app.UseExceptionHandler(handler => handler.Run(context => Problems.Unexpected().ExecuteAsync(context)));
app.UseStatusCodePages();
app.UseSelfHostSite();
app.MapCrewBuilderApi();
app.Run();

/// <summary>The self-host's entry point, visible to the integration tests' application factory.</summary>
public partial class Program;
