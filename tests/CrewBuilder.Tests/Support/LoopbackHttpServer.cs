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
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(json));
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

            await HandleAsync(context);
        }
    }
}
