using Platform.Cli.Commands;

return await PlatformCommand.InvokeAsync(args);
