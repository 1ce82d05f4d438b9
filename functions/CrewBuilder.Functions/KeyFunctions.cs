using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class KeyFunctions(KeyEndpoints endpoints)
{
    [Function(nameof(GetKeyEncryptionPublicKey))]
    public Task<IActionResult> GetKeyEncryptionPublicKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.ApiKeysEncryptionKey)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.GetEncryptionKeyAsync(cancellationToken).AsAction();

    [Function(nameof(ListSavedKeys))]
    public Task<IActionResult> ListSavedKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.ApiKeys)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, cancellationToken).AsAction();

    [Function(nameof(SaveKey))]
    public Task<IActionResult> SaveKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.ApiKey)] HttpRequest request, string provider, CancellationToken cancellationToken) =>
        endpoints.SaveAsync(request, provider, cancellationToken).AsAction();

    [Function(nameof(TestKey))]
    public Task<IActionResult> TestKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ApiKeyTest)] HttpRequest request, string provider, CancellationToken cancellationToken) =>
        endpoints.TestAsync(request, provider, cancellationToken).AsAction();

    [Function(nameof(TestUnsavedKey))]
    public Task<IActionResult> TestUnsavedKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ApiKeyTestUnsaved)] HttpRequest request, string provider, CancellationToken cancellationToken) =>
        endpoints.TestUnsavedAsync(request, provider, cancellationToken).AsAction();

    [Function(nameof(DeleteKey))]
    public Task<IActionResult> DeleteKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.ApiKey)] HttpRequest request, string provider, CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, provider, cancellationToken).AsAction();
}
