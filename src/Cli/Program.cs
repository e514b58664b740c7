using Platform.Cli.Commands;

return await PlatformCommand.Create().Parse(args).InvokeAsync();
