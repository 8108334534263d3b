using ReasonFlux.Cli;

return await CliApp.RunAsync(args);
