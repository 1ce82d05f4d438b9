using System.Reflection;
using Microsoft.DurableTask;

namespace CrewBuilder.Host.Durable;

/// <summary>
/// Runs one public method of an activity class as a durable activity named after the method,
/// the same name the Functions app gives it with <c>nameof</c>.
/// </summary>
internal sealed class MethodActivity(object target, MethodInfo method) : ITaskActivity
{
    public string Name => method.Name;

    public Type InputType => method.GetParameters()[0].ParameterType;

    public Type OutputType => method.ReturnType.GetGenericArguments()[0];

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        var task = (Task)method.Invoke(target, [input, CancellationToken.None])!;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }

    /// <summary>Every public <c>Task&lt;T&gt; Name(TInput, CancellationToken)</c> method declared on <typeparamref name="T"/>.</summary>
    public static IEnumerable<MethodActivity> All<T>(T target) where T : class =>
        typeof(T).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => method.ReturnType.IsGenericType
                && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                && method.GetParameters() is [_, { ParameterType: var last }] && last == typeof(CancellationToken))
            .Select(method => new MethodActivity(target, method));
}
