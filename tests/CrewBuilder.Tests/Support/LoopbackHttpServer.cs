using System.Net;
using System.Text;

namespace CrewBuilder.Tests.Support;

/// <summary>A small HTTP server on a free loopback port, for stand-ins of outside services.</summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stopping = new();

    protected LoopbackHttpServer()
    {
        BaseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public virtual void Dispose()
    {
        stopping.Cancel();
        listener.Close();
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Answers one request; <see cref="RespondAsync"/> writes a JSON answer.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    protected static async Task RespondAsync(HttpListenerContext context, int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        // A known length, not chunks: no separate closing chunk for the client's delayed ACK to hold up.
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            // Each request on its own task: a stand-in may call back into the app, which may call the stand-in again.
            _ = Task.Run(() => HandleOrFailAsync(context));
        }
    }

    private async Task HandleOrFailAsync(HttpListenerContext context)
    {
        try
        {
            await HandleAsync(context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            try
            {
                await RespondAsync(context, 500, System.Text.Json.JsonSerializer.Serialize(new { error = new { message = e.GetType().Name + ": " + e.Message } }));
            }
            catch (Exception failed) when (failed is HttpListenerException or InvalidOperationException or ObjectDisposedException)
            {
                // The response was already under way; the client sees a broken answer, which fails its test.
            }
        }
    }
}
