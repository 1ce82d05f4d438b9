using Microsoft.Extensions.FileProviders;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Identity;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Host;

/// <summary>Serves the built front end; every response carries the security headers of <see cref="SecurityHeaders"/>.</summary>
internal static class StaticSite
{
    /// <summary>The same policy as staticwebapp.config.json; the site may also talk to the configured OIDC issuer.</summary>
    public static string ContentSecurityPolicy(string? authority)
    {
        var issuer = Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + $"connect-src 'self'{issuer}; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private const string NotBuiltPage = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CrewBuilder</title></head>
        <body><main><h1>CrewBuilder is running</h1><p>The web front end has not been built yet.
        Run <code>scripts/run.sh</code> from the repository, or <code>npm run build</code> in <code>static-web/</code>.
        The API is at <a href="/api/health">/api/health</a>.</p></main></body></html>
        """;

    public static WebApplication UseSelfHostSite(this WebApplication app)
    {
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Authority);
        app.Use(async (context, next) =>
        {
            SecurityHeaders.Apply(context.Response, IsApi(context.Request.Path) ? SecurityHeaders.ApiContentSecurityPolicy : policy);
            await next();
        });

        var root = FindRoot(app.Services.GetRequiredService<IOptions<SiteOptions>>().Value, app.Environment);
        if (root is null)
        {
            app.Logger.LogWarning("No built front end found (static-web/dist); serving a placeholder page");
            app.MapGet("/", () => Results.Content(NotBuiltPage, "text/html")).ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.Use(async (context, next) =>
        {
            var (path, known) = SitePath(context.Request, files);
            context.Request.Path = path;
            if (!known)
            {
                // The not-found page is served as a file, which the file server would answer 200.
                context.Response.OnStarting(() =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            }

            await next();
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.Logger.LogInformation("Serving the front end from {SiteRoot}", root);
        return app;
    }

    /// <summary>
    /// The file a page request is served from, as staticwebapp.config.json routes it: /generate serves generate.html,
    /// and a page path that names no page the not-found page (not <paramref name="files"/>' known); API paths and
    /// existing files are left alone.
    /// </summary>
    private static (PathString Path, bool Known) SitePath(HttpRequest request, PhysicalFileProvider files)
    {
        var path = request.Path.Value ?? "/";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            || path == "/" || IsApi(request.Path) || Path.HasExtension(path))
        {
            return (request.Path, true);
        }

        var page = path.TrimEnd('/') + ".html";
        return files.GetFileInfo(page).Exists && page != NotFoundPage ? (page, true) : (NotFoundPage, false);
    }

    private const string NotFoundPage = "/404.html";

    private static bool IsApi(PathString path) => path.StartsWithSegments($"/{ApiRoutes.Prefix}", StringComparison.Ordinal);

    private static string? FindRoot(SiteOptions options, IWebHostEnvironment environment)
    {
        if (!string.IsNullOrEmpty(options.Root))
        {
            return Directory.Exists(options.Root) ? Path.GetFullPath(options.Root) : null;
        }

        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "static-web", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
