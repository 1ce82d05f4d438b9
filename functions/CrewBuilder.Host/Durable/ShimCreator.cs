using DurableTask.Core;

namespace CrewBuilder.Host.Durable;

/// <summary>Registers a shim under an explicit name; a fresh instance per execution, as orchestration shims keep state.</summary>
internal sealed class ShimCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public ShimCreator(string name, Func<T> create)
    {
        Name = name;
        Version = "";
        this.create = create;
    }

    public override T Create() => create();
}
