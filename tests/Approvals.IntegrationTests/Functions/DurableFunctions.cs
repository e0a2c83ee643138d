using System.Reflection;
using Approvals.Functions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Approvals.IntegrationTests.Functions;

/// <summary>
/// Registers every orchestrator and activity function of the Functions app with a Durable Task worker under its
/// [Function] name, each running the function method itself (a fresh instance of its class per call, input bound to
/// the trigger parameter) — the dispatch the Functions host does by name, so the code Azure runs is the code tested.
/// </summary>
public static class DurableFunctions
{
    public static IEnumerable<(string Name, MethodInfo Method)> WithTrigger<TTrigger>() where TTrigger : Attribute =>
        typeof(WorkflowFunctions).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m));

    /// <param name="client">What a [DurableClient] parameter of an activity gets (the host's client).</param>
    public static void Register(DurableTaskRegistry registry, FunctionsHost functions, Func<DurableTaskClient>? client = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (name, method) in WithTrigger<OrchestrationTriggerAttribute>())
        {
            registry.AddOrchestrator(name, new Orchestrator(method, functions));
        }

        foreach (var (name, method) in WithTrigger<ActivityTriggerAttribute>())
        {
            registry.AddActivity(name, new Activity(method, functions, client));
        }
    }

    static Type ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetGenericArguments()[0]
            : throw new NotSupportedException($"{method.DeclaringType?.Name}.{method.Name} must return Task<T>.");

    /// <summary>The activity's input: its [ActivityTrigger] parameter; besides it only a [DurableClient] is bound here.</summary>
    static Type ActivityInput(MethodInfo method) =>
        method.GetParameters().Where(p => p.GetCustomAttribute<DurableClientAttribute>() is null).ToArray() is [var only] ? only.ParameterType
            : throw new NotSupportedException($"{method.Name}: only the [ActivityTrigger] and [DurableClient] parameters are bound here; extend this adapter for more.");

    /// <summary>The orchestration's input: the one parameter besides the [OrchestrationTrigger] context, as the extension binds it.</summary>
    static Type OrchestrationInput(MethodInfo method) =>
        method.GetParameters() is [var context, var input] && context.ParameterType == typeof(TaskOrchestrationContext) ? input.ParameterType
            : throw new NotSupportedException($"{method.Name}: expected (TaskOrchestrationContext context, TInput input). "
                + "Take the input as a parameter rather than context.GetInput<T>(), which the Functions host alone resolves lazily.");

    static async Task<object?> InvokeAsync(MethodInfo method, FunctionsHost functions, params object?[] arguments)
    {
        var target = method.IsStatic ? null : functions.Create(method.DeclaringType!);
        var task = (Task)method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;

        // No ConfigureAwait(false): an orchestrator's continuations must stay on the orchestrator's thread.
        await task;
        return method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }

    sealed class Orchestrator(MethodInfo method, FunctionsHost functions) : ITaskOrchestrator
    {
        public Type InputType => OrchestrationInput(method);

        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) => InvokeAsync(method, functions, context, input);
    }

    sealed class Activity(MethodInfo method, FunctionsHost functions, Func<DurableTaskClient>? client) : ITaskActivity
    {
        public Type InputType => ActivityInput(method);

        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskActivityContext context, object? input) => InvokeAsync(method, functions,
            method.GetParameters().Select(p => p.GetCustomAttribute<DurableClientAttribute>() is null ? input : client?.Invoke()).ToArray());
    }
}
