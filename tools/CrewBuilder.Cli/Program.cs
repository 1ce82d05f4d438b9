using CrewBuilder.Cli;

return await CrewBuilderCli.RunAsync(args, CliEnvironment.FromProcess(), CancellationToken.None);
