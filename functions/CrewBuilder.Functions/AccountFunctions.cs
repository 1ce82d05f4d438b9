using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class AccountFunctions(AccountEndpoints endpoints, AuthEndpoints auth)
{
    [Function(nameof(GetMe))]
    public Task<IActionResult> GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Me)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.GetMeAsync(request, cancellationToken).AsAction();

    [Function(nameof(DeleteMe))]
    public Task<IActionResult> DeleteMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Me)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.DeleteAccountAsync(request, cancellationToken).AsAction();

    [Function(nameof(ExportMyData))]
    public Task<IActionResult> ExportMyData(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.MyDataExport)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.ExportAsync(request, cancellationToken).AsAction();

    [Function(nameof(CreateToken))]
    public Task<IActionResult> CreateToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Tokens)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.CreateTokenAsync(request, cancellationToken).AsAction();

    [Function(nameof(ListTokens))]
    public Task<IActionResult> ListTokens(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Tokens)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.ListTokensAsync(request, cancellationToken).AsAction();

    [Function(nameof(RevokeToken))]
    public Task<IActionResult> RevokeToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Token)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.RevokeTokenAsync(request, id, cancellationToken).AsAction();

    [Function(nameof(GetAuthConfig))]
    public IActionResult GetAuthConfig(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.AuthConfig)] HttpRequest request) =>
        new ResultAction(auth.GetConfig());
}
