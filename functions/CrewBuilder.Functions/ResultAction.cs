using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CrewBuilder.Functions;

/// <summary>Lets a function return the <see cref="IResult"/> of a shared Core endpoint.</summary>
internal sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}

internal static class ResultActionExtensions
{
    public static async Task<IActionResult> AsAction(this Task<IResult> result) => new ResultAction(await result);
}
